import { DefaultStackSynthesizer, Token, Validations, type Stack } from 'aws-cdk-lib';

/**
 * CDK's own deploy-time helpers (the BucketDeployment custom resource) come with
 * a role we don't shape. Each finding is acknowledged with why it is acceptable.
 */
/** The CDK assets bucket's objects, written as cdk-nag reports them (it depends on region and partition). */
function assetObjectsAsReported(stack: Stack): string {
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
  const qualifier = String(stack.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER);
  return `arn:${partition}:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-${region}/*`;
}

export function acknowledgeDeployTimeHelpers(stack: Stack, pagesBucketLogicalId: string): void {
  for (const child of stack.node.children) {
    if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
    const why = 'CDK BucketDeployment custom resource: runs only during deployment to copy web/dist into the pages bucket';
    Validations.of(child).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: `${why}; the managed policy only lets it write its own logs.`,
      },
      { id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]', reason: `${why}; CDK scopes these reads to the asset bucket.` },
      { id: 'AwsSolutions-IAM5[Action::s3:GetObject*]', reason: `${why}; CDK scopes these reads to the asset bucket.` },
      { id: 'AwsSolutions-IAM5[Action::s3:List*]', reason: `${why}; CDK scopes listing to the asset and pages buckets.` },
      { id: 'AwsSolutions-IAM5[Action::s3:Abort*]', reason: `${why}; CDK scopes writes to the pages bucket.` },
      { id: 'AwsSolutions-IAM5[Action::s3:DeleteObject*]', reason: `${why}; it prunes old pages from the pages bucket only.` },
      { id: `AwsSolutions-IAM5[Resource::${assetObjectsAsReported(stack)}]`, reason: `${why}; it reads the uploaded web/dist asset.` },
      { id: `AwsSolutions-IAM5[Resource::<${pagesBucketLogicalId}.Arn>/*]`, reason: `${why}; it writes every page of the pages bucket.` },
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: `${why}; CloudFront invalidation has no resource-level scoping.` },
      { id: 'AwsSolutions-L1', reason: `${why}; CDK pins its runtime, and it never serves requests.` },
    );
  }
}
