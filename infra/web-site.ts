import { Duration, Fn, RemovalPolicy, Stack, Token, Validations, type CfnCondition } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import {
  type CfnDistribution,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  HttpVersion,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  PriceClass,
  ViewerProtocolPolicy,
  ResponseHeadersPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { awsConnectTo, contentSecurityPolicy } from '#http/csp.ts';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

export interface WebSiteProps {
  stage: string;
  /** The pages as built (scripts/build-web.ts). */
  webDir: string;
  apiUrl: string;
  /**
   * The pages' own domain and its certificate uploaded to IAM (AWS China has no
   * ACM; a custom domain there needs an ICP recordal): used when given.
   */
  domain?: { name: string; iamCertificateId: string; given: CfnCondition };
}

/** The partner form, the kiosk and the operator console: a private bucket behind CloudFront (origin access control). */
export class WebSite extends Construct {
  readonly url: string;
  readonly pagesBucket: Bucket;

  constructor(scope: Construct, id: string, props: WebSiteProps) {
    super(scope, id);
    const prod = props.stage === 'prod';
    const removal = prod ? { removalPolicy: RemovalPolicy.RETAIN } : { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true };

    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(prod ? 365 : 30) }],
      ...removal,
    });
    Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: 'This is the access-log bucket itself; logging it would loop.' });

    const pages = new Bucket(this, 'Pages', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3/',
      ...removal,
    });

    // "/partner/" → "/partner/index.html": S3 behind OAC has no directory index.
    // CloudFront in AWS China has neither CloudFront Functions nor origin access control: an origin access identity
    // there, and the pages are opened by their index.html (README "Deploy to AWS China").
    const region = Stack.of(this).region;
    const china = !Token.isUnresolved(region) && RegionInfo.get(region).partition === 'aws-cn';
    const indexRewrite = china
      ? undefined
      : new CloudFrontFunction(this, 'DirectoryIndex', {
          code: FunctionCode.fromInline(
            "function handler(event){var r=event.request;if(r.uri.endsWith('/')){r.uri+='index.html';}else if(r.uri.lastIndexOf('.')<r.uri.lastIndexOf('/')){r.uri+='/index.html';}return r;}",
          ),
        });

    // The managed SECURITY_HEADERS policy, plus the pages' Content-Security-Policy (the same one the local server sends).
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Village station pages: security headers and Content-Security-Policy',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(awsConnectTo(props.apiUrl)), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
    });

    const distribution = new Distribution(this, 'Cdn', {
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: china ? S3BucketOrigin.withOriginAccessIdentity(pages) : S3BucketOrigin.withOriginAccessControl(pages),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        ...(indexRewrite ? { functionAssociations: [{ function: indexRewrite, eventType: FunctionEventType.VIEWER_REQUEST }] } : {}),
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
    Validations.of(distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'Partners and ops travel and roam; the pages hold no data, and the API checks every token.' },
      { id: 'AwsSolutions-CFR2', reason: 'Static pages only; the API behind them has its own throttling. Add a WAF web ACL per stage if abuse appears.' },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'Without the WebDomainName and WebIamCertificateId parameters it uses the default *.cloudfront.net certificate, whose policy CloudFront fixes at TLS 1.0; with them (required in AWS China) it serves the own domain at TLS 1.2.',
      },
    );
    if (china) {
      Validations.of(distribution).acknowledge({
        id: 'AwsSolutions-CFR7',
        reason: 'CloudFront in AWS China has no origin access control: the pages bucket is reached through an origin access identity instead, still private.',
      });
    }
    if (props.domain) {
      Validations.of(distribution).acknowledge({
        id: 'CloudFormation-Validate::F3014',
        reason:
          'The viewer certificate is chosen by a condition (the IAM certificate when WebDomainName is given, else the default one): exactly one of them in either case.',
      });
      // The own domain and its IAM certificate, when the parameters are given; else CloudFront's default certificate.
      const cfn = distribution.node.defaultChild as CfnDistribution;
      const { name, iamCertificateId, given } = props.domain;
      cfn.addPropertyOverride('DistributionConfig.Aliases', Fn.conditionIf(given.logicalId, [name], Fn.ref('AWS::NoValue')));
      cfn.addPropertyOverride(
        'DistributionConfig.ViewerCertificate',
        Fn.conditionIf(
          given.logicalId,
          { IamCertificateId: iamCertificateId, SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' },
          { CloudFrontDefaultCertificate: true },
        ),
      );
    }

    new BucketDeployment(this, 'Deploy', {
      destinationBucket: pages,
      sources: [
        Source.asset(props.webDir),
        // Where the pages find the API in this stage; they sign in through it (phone and SMS code).
        Source.jsonData('config.json', { auth: 'phone', apiUrl: props.apiUrl }),
      ],
      distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });

    this.url = props.domain
      ? Fn.conditionIf(props.domain.given.logicalId, `https://${props.domain.name}`, `https://${distribution.distributionDomainName}`).toString()
      : `https://${distribution.distributionDomainName}`;
    this.pagesBucket = pages;
  }
}
