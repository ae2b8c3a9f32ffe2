/**
 * Every sentence a person reads about a problem, in zh-CN and English: the
 * API renders its problem+json `title`, `detail` and field messages from here
 * in the language the client asks for, and the pages render their own form
 * mistakes from the same entries. Errors carry a key and parameters, never a
 * sentence. Pure: no I/O, imported by the functions and the pages alike.
 *
 * Parameters are formatted by their names: `…Fen` is money, shown in yuan
 * (¥12.30); `status` is an order, run or task status; `what` names a kind of
 * object; `roles` a list of roles; any other list is joined.
 */
export type Lang = 'zh-CN' | 'en';
export const langs: readonly Lang[] = ['zh-CN', 'en'];

type Value = string | number | readonly (string | number)[];
export type Params = Readonly<Record<string, Value>>;

/**
 * The catalogue, built on first use and then kept: most requests render no
 * message, and a cold start then skips building its few hundred entries
 * (bench/README.md, Cold start).
 */
function onFirstUse<const T extends Record<string, readonly [string, string]>>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}

/** The file beside a Lambda bundle that holds the catalogue, written at synth from this one (infra/api-function.ts). */
export const messagesFile = 'messages.json';

declare global {
  /** Defined `true` by the functions' esbuild settings only (infra/api-function.ts `bundling.define`). */
  var __messagesBesideBundle: boolean | undefined;
}

/**
 * In a Lambda bundle the catalogue below is not in the code: the define turns
 * the test into `true`, esbuild drops the entries, and the first message
 * rendered reads them from the file written beside the bundle. Bundle bytes cost
 * every cold start, a message only the requests that render one (bench/README.md,
 * Cold start). Run from source (the local server, the tests, the pages) the
 * entries are the ones below: this file stays the one home of every message.
 */
const fromBesideBundle = () =>
  JSON.parse(process.getBuiltinModule('node:fs').readFileSync(new URL(messagesFile, import.meta.url), 'utf8')) as ReturnType<typeof entries>;

const catalogue = onFirstUse(() => (globalThis.__messagesBesideBundle ? fromBesideBundle() : entries()));

/** [zh-CN, en]; pure, so a bundle that never builds it from here leaves it out. */
const entries = /* @__PURE__ */ onFirstUse(() => ({
  // Bills (docs/rules.md "Bills").
  'not-found.account': ['{billerName}没有户号 {accountNo}：请核对后再输入。', '{billerName} has no account {accountNo}: check the number and type it again.'],
  'nothing-due': ['{billerName}的户号 {accountNo} 现在没有要缴的钱。', 'Account {accountNo} at {billerName} has nothing to pay now.'],
  'field.nothingDue': ['这个户号现在不用缴费。', 'Nothing is due on this account.'],
  'wrong-amount.bill': ['{billerName}要按欠费全额缴：{dueFen}，不是 {amountFen}。', '{billerName} takes the whole amount due: {dueFen}, not {amountFen}.'],
  'field.billerCode': ['用 2–16 个大写字母或数字，以字母开头（例如 SGCC）。', 'Use 2–16 capital letters and digits, starting with a letter (e.g. SGCC).'],
  'field.accountNo': ['请输入账单上印的 4–32 位户号（充话费就是手机号）。', 'Use the 4–32 letters and digits printed on the bill (or the phone number).'],
  'field.billAmount': ['每笔 ¥0.01 到 ¥50,000.00。', 'From ¥0.01 to ¥50,000.00 in one payment.'],
  'below-min-amount': [
    '{billerName}每笔至少缴 {minAmountFen}，这次是 {amountFen}。',
    '{billerName} takes at least {minAmountFen} a payment; this one is {amountFen}.',
  ],
  'field.atLeastAmount': ['至少 {minAmountFen}。', 'At least {minAmountFen}.'],
  'field.exactly': ['必须正好是 {amountFen}（应缴金额）。', 'Must be exactly {amountFen}, the amount due.'],
  'bill-gateway-unavailable': [
    '缴费平台现在没有响应。没有缴费，也没有收钱：请过几分钟再试。',
    'The bill gateway is not answering right now. Nothing was paid and no cash was taken: try again in a few minutes.',
  ],

  // Messages to villagers' phones (docs/rules.md "Messages to phones").
  'message-has-code': [
    '这条短信里有取货码，不能照原样再发：请重新打印小票，新码会发到村民的手机上。',
    'This message carries a delivery code and cannot be sent again as it was: reprint the receipt, and a new code goes to the villager’s phone.',
  ],
  'message-on-its-way': ['这条短信还在发送中，请过一会儿再看。', 'This message is still on its way: look again in a moment.'],
  'message-no-phone': [
    '这位村民没有登记手机号，或者说过不要短信：短信发不出去。',
    'This villager has no phone on record, or asked for no messages: nothing can be sent.',
  ],
  'receipt-unsigned': ['回执的签名不对。', 'The receipt is not signed with the shared secret.'],
  'what.message': ['短信', 'message'],
  'what.user': ['用户', 'user'],

  // Titles by HTTP status.
  'title.400': ['填写有误', 'Bad request'],
  'title.401': ['需要登录', 'Unauthorized'],
  'title.403': ['没有权限', 'Forbidden'],
  'title.404': ['找不到', 'Not found'],
  'title.409': ['现在不能这样做', 'Conflict'],
  'title.415': ['格式不对', 'Unsupported media type'],
  'title.422': ['不符合规则', 'Unprocessable'],
  'title.500': ['系统出错', 'Internal error'],
  'title.503': ['系统繁忙', 'Service busy'],
  'title.error': ['出错了', 'Error'],

  // The request itself.
  'invalid-input': ['有几项填得不对，请按每一项的提示改正。', 'The request has invalid fields.'],
  'errors-omitted': ['另有 {count} 处错误没有列出：先改正列出的这些。', ' There are {count} more not listed: correct these first.'],
  'cash-on-failed-delivery': [
    '没送到的包裹不收钱（这里填了 {cashFen}）：把收款改为 0，或者把包裹记为已送到。',
    'No cash is taken for a parcel that was not delivered ({cashFen} was entered): set its cash to 0, or record it as delivered.',
  ],
  'field.noCashWhenFailed': ['没送到就不收钱：填 0。', 'Not delivered, so no cash: 0.'],
  'field.controlChars': [
    '不能有控制字符或改变文字方向的隐藏字符（例如 NUL、U+202E）：请重新输入。',
    'Must not hold control or text-direction characters (such as NUL or U+202E): type it again.',
  ],
  'field.notUtf8': ['有乱码（不是 UTF-8 的字节）：请重新输入。', 'Holds bytes that are not UTF-8 text: type it again.'],
  'field.dateWindow': [
    '日期要在 {from} 到 {to} 之间：不早于 2020 年，最多一年以后。',
    'Use a date from {from} to {to}: not before 2020, at most a year ahead.',
  ],
  'body-not-json': ['内容不是有效的 JSON。', 'The body is not valid JSON.'],
  'body-too-large': ['内容太大（超过 1 MB）。', 'The body is too large (over 1 MB).'],
  'local-host-refused': [
    '本地登录只发给用本机地址（localhost 或服务所在的地址）打开的页面，不发给 {host}。',
    "Local sign-in is only given to pages opened at this server's own address (localhost, or the address it listens on), not to {host}.",
  ],
  'unsupported-media-type': ['请以 JSON 格式发送（Content-Type: application/json）。', 'Send the body as JSON (Content-Type: application/json).'],
  unauthenticated: ['请先登录（需要有效的登录凭证）。', 'Sign in first: send a valid bearer token.'],
  // Signing in (docs/rules.md "Signing in").
  'kiosk-pairing-refused': [
    '配对码不对、已用过或已过期：请在合伙人页面上重新生成。',
    'That pairing code is wrong, used or expired: make a new one on the partner form.',
  ],
  'sign-in-code-wrong': ['验证码不对，或已过期。请再输入一次，或重新获取验证码。', 'That code is wrong or has expired: type it again, or ask for a new one.'],
  'sign-in-code-locked': ['验证码输错太多次，已经作废。请重新获取验证码。', 'Too many wrong codes: this code no longer works. Ask for a new one.'],
  'sign-in-too-many': ['获取验证码太频繁了，请{minutes}分钟后再试。', 'Too many codes asked for: try again in {minutes} minutes.'],
  'sign-in-refresh-refused': ['登录已失效，请重新用手机号和验证码登录。', 'This sign-in has ended: sign in again with your phone and a code.'],
  'sign-in-totp-needed': ['运营人员登录还需要身份验证器上的6位动态码。', 'Operators also need the 6-digit code from their authenticator app.'],
  'sign-in-totp-wrong': ['动态码不对，请看身份验证器上现在的码。', 'That authenticator code is wrong: type the one the app shows now.'],
  'totp-change-locked': [
    '旧验证器的动态码错了太多次：这个账号的登录都已退出。请过10分钟用手机号和动态码重新登录，再换验证器。',
    'Too many wrong codes of your current authenticator: every sign-in of this account has ended. Sign in again in 10 minutes, then change the app.',
  ],
  'totp-change-needs-current': ['要换身份验证器，请同时填旧验证器上现在的6位码。', 'To change authenticator apps, also type the code your current app shows.'],
  'user-needs-station': ['服务站合伙人要属于一个服务站：请选择服务站。', 'A partner belongs to a station: choose one.'],
  'ops-have-no-station': ['运营人员不属于某个服务站：不要填服务站。', 'Operators belong to no station: leave the station out.'],
  'user-phone-taken': ['这个手机号已经是一个用户的了。', 'This phone number already belongs to a user.'],
  'user-changed': ['这个用户刚被别人改过了：请刷新后再改。', 'Someone changed this user just now: read it again, then make your change.'],
  forbidden: ['这项操作需要{roles}身份，您现在是{role}。', 'This needs the {roles} role; you are signed in as {role}.'],
  'not-found': ['找不到这个{what}。', '{what} was not found.'],
  'not-found.product': ['商品库里没有 {sku}。', 'Product {sku} was not found.'],
  internal: [
    '系统出了问题。请再试一次；如果一直这样，请把请求编号告诉客服。',
    'Something went wrong on our side. Try again; if it keeps happening, tell support the request id.',
  ],
  'idempotency-key-reused': [
    '这个操作编号已经用于另一项操作了。新操作请用新编号。',
    'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
  ],
  'idempotency-key-missing': [
    '缺少操作编号：每个新建或动钱的操作都要带 Idempotency-Key。',
    'Required: every request that creates something or moves money carries an Idempotency-Key.',
  ],
  'idempotency-key-format': [
    '操作编号要 8–128 个字母、数字或 "-"、"_"、"."、":"（最好用 UUID）。',
    'Send 8–128 letters, digits, "-", "_", "." or ":" (a UUID is ideal).',
  ],
  'import-invalid': [
    '文件里有 {count} 处不对，什么都没有导入。请按每一处的提示改正后再试。',
    '{count} cells of the file are wrong, so nothing was imported. Fix each one and send the file again.',
  ],
  'cursor-foreign': ['这个翻页标记不属于这个列表，请从头查看。', 'This cursor is not from this list. Start again without it.'],

  // Someone else was quicker.
  'changed-meanwhile': ['别人刚刚同时改了这一项，请刷新后再试。', 'Someone else changed this at the same moment. Reload and try again.'],
  'changed-meanwhile.order': [
    '这个订单刚被别人改过（另一个窗口或手机？），请刷新后再试。',
    'This order was changed by someone else at the same moment (another tab or phone?). Reload it and try again.',
  ],
  'changed-meanwhile.what': [
    '这个{what}刚被别人同时改了，请刷新后再试。',
    'This {what} was changed by someone else at the same moment. Reload it and try again.',
  ],
  'changed-meanwhile.count': ['盘点时钱箱里的现金变了，请重新数一遍。', 'Cash moved while you were counting. Count the drawer again.'],

  // Orders.
  'wrong-status': ['{what}现在是“{status}”，不能{doing}。', 'Cannot {doing}: the {what} is {status}.'],
  'wrong-status.cancel': [
    '只有还没到站的订单才能取消；这个订单是“{status}”。交货后请办理退货。',
    'Only orders not yet at the station can be cancelled; this one is {status}. Take a return after hand-over instead.',
  ],
  'wrong-status.return': ['只有已交货的商品才能退；这个订单是“{status}”。', 'Only handed-over goods can be returned; this order is {status}.'],
  'wrong-status.stop': ['请先出发，再记录各站（配送现在是“{status}”）。', 'Start the run before recording its stops (it is {status}).'],
  'unknown-product': ['有几行商品不能下单。', 'Some lines name products that cannot be ordered.'],
  'field.noSuchProduct': ['商品库里没有 {sku}。', 'No product {sku} in the catalogue.'],
  'field.lineRepeated': ['{sku} 前面已经有了，请改那一行的数量。', "{sku} is already on an earlier line; change that line's quantity instead."],
  'cash-limit-reached': [
    '钱箱里有 {drawerFen}，超过了本站上限 {limitFen}：请先向平台交款，再接新订单。',
    "The drawer holds {drawerFen}, above this station's limit of {limitFen}: remit cash to the platform before taking new orders.",
  ],
  'cash-limit-reached.commit': [
    '钱箱里的现金超过了本站上限：请先向平台交款，再接新订单。',
    "The drawer is above this station's cash limit: remit cash to the platform before taking new orders.",
  ],
  'overpayment.order': ['这个订单一共 {totalFen}，收款不能比这个多。', 'The order comes to {totalFen}; take no more than that.'],
  'overpayment.outstanding': ['这个订单只欠 {outstandingFen}。', 'Only {outstandingFen} is outstanding on this order.'],
  'field.atMost': ['最多 {maxFen}。', 'At most {maxFen}.'],
  'field.collect': ['要收 {amountFen}。', 'Collect {amountFen}.'],
  'payment-outstanding': ['还欠 {outstandingFen}：收齐后才能交货。', '{outstandingFen} is still to be paid: collect it before handing the goods over.'],
  'already-planned': ['这个订单已经安排在另一趟配送里了。', 'This order is already on a delivery run.'],
  'on-a-run': [
    '这个包裹已经安排在配送路线上：要在站里交货，请先把它从路线上拿下来。',
    'This parcel is planned on a delivery run: drop it from the run before handing it over at the station.',
  ],
  'order-locked': [
    '取货码错了 {max} 次，订单已锁定。请平台核实村民后解锁。',
    'This order is locked after {max} wrong delivery codes. Ask ops to check the villager and unlock it.',
  ],
  'order-locked.now': [
    '取货码不对。这是第 {max} 次错误，订单已锁定，要等平台解锁。',
    'Wrong delivery code. That was wrong try number {max}: the order is now locked until ops unlock it.',
  ],
  // The risk view (docs/rules.md "The risk view"): why each count is worth a look.
  'risk.reprints': [
    '补打小票换了新取货码：店主可能拿新码自己交货。',
    'Receipts reprinted with a new code: the partner could hand goods over to themself with it.',
  ],
  'risk.wrongCodes': ['取货码输错：可能有人在猜码。', 'Wrong delivery codes tried: someone may be guessing.'],
  'risk.codesShownToPartner': [
    '取货码给店主看到（村民没有手机或不收短信）：村民不在也能交货。',
    'Codes the partner could read (no phone, or no SMS): goods can be handed over without the villager.',
  ],
  'risk.exchangesAndReturns': ['申请退货或换新：换下来的货可能被店主留下。', 'Returns and exchanges asked for: what comes back could be kept.'],
  'risk.smallTopUps': ['¥20 以下的话费充值：拆成小笔可以多拿佣金。', 'Phone top-ups under ¥20: small payments can farm commission.'],
  'risk.countsWithVariance': ['点钱箱对不上：钱可能被挪用。', 'Cash counts that did not match: money may have gone astray.'],
  'risk.parcelsByPhoneDigits': [
    '快递凭手机尾号和姓名取走（没用取件码）：别人也可能冒领。',
    'Parcels released by the phone’s last digits and a name (no code): someone else could have claimed them.',
  ],
  'risk.tabSalesOverdue': [
    '赊账过了还款日还没还清：额度可能给得太宽，或者赊给了不会还的人。',
    'Tab sales past their due date and not repaid: limits may be too loose, or given to people who will not pay.',
  ],
  // The tab (docs/rules.md "The tab").
  'what.tab': ['赊账', 'tab'],
  'what.tabRequest': ['赊账申请', 'tab request'],
  'what.confirmation': ['确认码', 'confirmation'],
  'tab-no-phone': [
    '这位村民没有登记自己的手机号：赊账要用发到村民手机上的确认码，没有手机号不能赊账。请先登记手机号。',
    'This villager has no phone of their own on record: a tab is confirmed by a code to their phone, so none without one. Add their phone first.',
  ],
  'tab-no-sms': [
    '这位村民说过不要短信，确认码发不出去：不能赊账。请村民同意接收短信后再试。',
    'This villager asked for no messages, so no code can reach them: no tab. Ask them to accept messages first.',
  ],
  'field.tabNoPhone': ['村民没有可以收短信的手机号。', 'The villager has no phone that takes messages.'],
  'tab-due-date': [
    '还款日要在今天之后、最晚 {latest}（{days} 天内，到收获为止）。',
    'The due date must be after today and no later than {latest} ({days} days, until the harvest).',
  ],
  'tab-due-date.missing': ['赊账购买要先定好还款日。', 'A sale on the tab needs its due date.'],
  'field.tabDueDate': ['今天之后、最晚 {latest}。', 'After today, {latest} at the latest.'],
  'tab-code-wrong': [
    '确认码不对：没有赊账，什么也没记。请村民看手机上的确认码再输一次，或重新发码。',
    'Wrong confirmation code: nothing was sold or recorded. Read the code on the villager’s phone again, or send a new one.',
  ],
  'tab-code-expired': [
    '确认码已过期（10 分钟内有效）：没有赊账。请重新发码。',
    'The confirmation code has expired (it is good for 10 minutes): nothing was sold. Send a new one.',
  ],
  'tab-code-used': ['这个确认码已经用过了：每个码只能用一次。请重新发码。', 'This confirmation code was used already: each is good once. Send a new one.'],
  'tab-code-mismatch': [
    '村民确认的是 {amountFen}（还款日 {dueDate}），和这次不一样：没有赊账。请按这次的金额和还款日重新发码。',
    'The villager confirmed {amountFen} (due {dueDate}), not this: nothing was sold. Send a new code for this amount and due date.',
  ],
  'field.tabOnly': ['确认码和还款日只用于赊账（source: TAB）。', 'A confirmation and a due date go only with source TAB.'],
  'field.tabCode': ['确认码对不上。', 'The code does not match.'],
  'field.tabCodeFormat': ['确认码是村民手机短信里的 6 位数字。', "The code is the 6 digits in the villager's text message."],
  'tab-none': [
    '这位村民还没有赊账额度：请先用村民手机上的确认码申请额度，等运营批准。',
    'This villager has no tab yet: request one with the code from their phone, and wait for ops to approve it.',
  ],
  'field.tabNone': ['没有赊账额度。', 'No tab.'],
  'tab-frozen': [
    '这位村民有 {overdueFen} 赊账已过还款日，赊账已冻结，不能再赊。请先还清过期的部分（现金或卖货款），再赊账。',
    'This villager has {overdueFen} on their tab past its due date: the tab is frozen, no new sales on it. Repay what is overdue first (cash or a weigh ticket).',
  ],
  'field.tabFrozen': ['赊账不能用。', 'The tab cannot be used.'],
  'tab-over-limit': [
    '超过赊账额度：额度 {limitFen}，还能赊 {availableFen}。请少赊一些，其余用现金。',
    'Over the tab’s limit: the limit is {limitFen}, {availableFen} is left. Sell less on the tab and take the rest in cash.',
  ],
  'tab-sale-repaid': [
    '这个订单的赊账已经还了 {repaidFen}，不能取消：钱已经收了。请等货到后交给村民。',
    '{repaidFen} of this order’s tab sale was repaid already: it cannot be cancelled. Hand the goods over when they arrive.',
  ],
  'tab-closed': ['这个赊账已经关闭（已核销），不能再用。', 'This tab is closed (written off): it cannot be used.'],
  'tab-overpaid': ['这位村民只欠 {owedFen}：还款不能多于欠款。', 'This villager owes only {owedFen}: a repayment cannot be more.'],
  'tab-nothing-owed': ['这位村民没有赊账欠款：不能选“还赊账”。', 'This villager owes nothing on a tab: choose another payout.'],
  'tab-request-decided': ['这个赊账申请已经处理过了（{status}）。', 'This tab request was decided already ({status}).'],
  'tab-limit-above-consent': [
    '村民只同意了 {limitFen} 的额度：批准的额度不能更高。',
    'The villager agreed to a limit of {limitFen}: the approved limit cannot be higher.',
  ],
  'tab-not-written-off': [
    '过了还款日 {days} 天以后才能核销，现在过了 {overdueDays} 天。',
    'A tab can be written off {days} days after its due date; it is {overdueDays} days now.',
  ],
  'tab-owed': [
    '这位村民还欠赊账 {owedFen}：还清或由运营核销以后才能删除。',
    'This villager still owes {owedFen} on their tab: it must be repaid or written off by ops before they are deleted.',
  ],
  'tab-paid-order': [
    '这个订单有一部分是赊账付的，不能在服务站退货。东西坏了可以报修；货还没到的订单可以取消，赊账会一起撤销。',
    'Part of this order was paid on the tab: its goods cannot be returned at the station. Report a fault instead; an order not yet arrived can be cancelled, which takes it off the tab.',
  ],
  'tab-other-villager': ['这个确认码是另一位村民的，和订单的村民对不上。', 'This confirmation is another villager’s, not the order’s.'],
  // Parcels for the village (docs/rules.md "Parcels").
  'parcel-elsewhere': ['运单 {waybillNo} 已经在另一个服务站入库了。', 'Waybill {waybillNo} was scanned in at another station.'],
  'parcel-gone': ['这个快递已经“{status}”，不能再取件或退回。', 'This parcel is {status}: it can no longer be picked up or returned.'],
  'parcel-gone.atCounter': [
    '这个快递已经在站点取走了，不能再送上门。这一站请把它记为“没送到”（不用带回）。',
    'This parcel was already picked up at the station: it cannot be delivered at the door. Record it as not delivered at this stop (nothing to bring back).',
  ],
  'parcel-gone.atDoor': [
    '这个快递已经送上门交给收件人了，不能再在站点取件。',
    'This parcel was already delivered at the door: it cannot be picked up at the station.',
  ],
  'parcel-locked': [
    '取件码错了 {max} 次，快递已锁定。请平台核实收件人后处理。',
    'This parcel is locked after {max} wrong pickup codes. Ask ops to check the recipient.',
  ],
  'parcel-locked.now': [
    '取件码不对。这是第 {max} 次错误，快递已锁定，要等平台处理。',
    'Wrong pickup code. That was wrong try number {max}: the parcel is now locked until ops look at it.',
  ],
  'wrong-pickup-code': [
    '取件码（或手机尾号和姓名）不对。再错 {left} 次快递就会锁定。',
    'Wrong pickup code (or phone digits and name). Tries left before the parcel is locked: {left}.',
  ],
  'field.wrongPickupCode': ['和这个快递对不上。', 'Does not match this parcel.'],
  'parcels-not-together': ['一起取的快递必须是同一个收件人在本站的。', 'Parcels handed over together must be the same recipient’s, at this station.'],
  'field.otherRecipient': ['这是另一个收件人的快递。', 'This parcel is for someone else.'],
  'field.keepDays': ['保管天数是 1–30 天。', 'Keep parcels 1–30 days.'],
  'field.waybillNo': ['运单号是 6–32 位字母或数字。', 'A waybill number is 6–32 letters and digits.'],
  'field.courierCode': ['快递公司代码用 2–16 个大写字母或数字（例如 ZTO）。', 'Use 2–16 capital letters and digits for the courier (e.g. ZTO).'],
  'field.phoneLast4': ['手机号后 4 位数字。', 'The last 4 digits of the phone number.'],
  'field.pickupCode': ['取件码是 6 位数字。', 'A pickup code is 6 digits.'],
  'field.pickupProof': ['要取件码，或者手机尾号加姓名。', 'Give the pickup code, or the phone’s last 4 digits and the name.'],
  'wrong-delivery-code': ['取货码不对。再错 {left} 次订单就会锁定。', 'Wrong delivery code. Tries left before the order is locked: {left}.'],
  'wrong-delivery-code.stop': ['有取货码不对，请和村民核对。', 'A delivery code is wrong: check it with the villager.'],
  'field.wrongCode': ['不是这个订单的取货码。', "Not this order's code."],
  'not-returnable': ['有几件不能退。', 'Some lines cannot be returned.'],
  'field.notOnOrder': ['这个订单里没有 {sku}。', '{sku} is not on this order.'],
  'field.alreadyListed': ['{sku} 前面已经有了。', '{sku} is already on an earlier line.'],
  'field.returnAtMost': ['{title} 最多还能退 {kept} 件。', 'Only {kept} of {title} can still be returned.'],
  'field.noReturns': ['{title} 不能退货。', '{title} cannot be returned.'],
  'field.returnWindowPassed': [
    '{title} 交货后 {days} 天内可以退，已经过了期限。',
    '{title} could be returned within {days} days of hand-over; that time has passed.',
  ],
  'cart-ordered': ['购物单 {cartNo} 已经下过单了。', 'Cart {cartNo} was already placed as an order.'],
  'villager-needed': ['这个购物单没写是给谁的：请选择村民。', 'This cart does not say who it is for: choose the villager.'],
  'field.chooseVillager': ['请选择村民。', 'Choose the villager.'],

  // Cash.
  'drawer-short': ['钱箱里没有这么多现金，请看一下现金情况再试。', 'The drawer does not hold that much cash. Check the cash view and try again.'],
  'drawer-short.remit': ['钱箱里只有 {drawerFen}，交款不能比这个多。', 'The drawer holds {drawerFen}; you cannot remit more than that.'],
  'drawer-short.remitting': [
    '交款时钱箱里的现金变了，已经不够这么多，请看一下现金情况再试。',
    'The drawer changed while remitting and no longer holds that much. Check the cash view and try again.',
  ],
  'drawer-short.refund': [
    '钱箱里没有 {refundFen} 可以退给村民（已经交款了吗？）。请盘点钱箱，或请平台给村民退款。',
    'The drawer does not hold the {refundFen} to refund (has the cash been remitted?). Count the drawer, or ask ops to refund the villager.',
  ],
  'reason-needed': [
    '钱箱应有 {expectedFen}，您数出 {countedFen}：请写明原因（差额会和原因一起记下）。',
    'The drawer should hold {expectedFen} but you counted {countedFen}: say why (a reason is kept with the difference).',
  ],
  'field.reasonNeeded': ['数的钱和应有的不一样时要写原因。', 'Required when the count differs from what is expected.'],

  // Villagers and stations.
  'phone-taken': ['这个手机号已经登记过了（{name}）。', 'This phone number is already registered here, to {name}.'],
  'phone-taken.commit': ['这个手机号已经在本站登记过了。', 'A villager with this phone number is already registered at this station.'],
  'field.phoneTaken': ['本站已经登记过这个手机号。', 'Already registered at this station.'],
  'unknown-village': ['请选择本站的村。', "Choose one of this station's villages."],
  'field.notOurVillage': ['不是本站的村。', 'Not a village of this station.'],
  'field.notOurVillageKeep': ['不是本站的村；新加的村不要写编号。', 'Not a village of this station; leave the id out to add a new village.'],
  'duplicate-village': ['有两个村都叫“{name}”。', 'Two villages are both called "{name}".'],
  'field.duplicateVillage': ['本站已经有同名的村。', 'Another village of this station has this name.'],
  'village-removed': [
    '村不能删除，因为村民和配送还用着：请把 {names} 留在列表里。',
    'Villages cannot be removed, because villagers and deliveries refer to them: keep {names} in the list.',
  ],

  // Delivery.
  'nothing-to-deliver': [
    '{date} 没有要送的货：站里没有送货上门的包裹，也没有预约上门。',
    'Nothing is waiting for delivery on {date}: no home-delivery parcels at the station and no pick-ups booked.',
  ],
  'unknown-stop': ['这一站不在这趟配送里。', 'That stop is not on this run.'],
  'field.notAStop': ['不是这趟配送的一站。', 'Not a stop of this run.'],
  'unknown-trip': ['这趟配送一共 {trips} 趟。', 'The run has {trips} trip(s).'],
  'field.tripRange': ['从 1 到 {trips}。', 'From 1 to {trips}.'],
  'over-capacity': [
    '第 {trip} 趟会装 {kg} 公斤、{parcels} 件，超过三轮车的 {capacityKg} 公斤、{maxParcels} 件。',
    "Trip {trip} would carry {kg} kg and {parcels} parcels, more than the tricycle's {capacityKg} kg and {maxParcels} parcels.",
  ],
  'field.noRoom': ['那一趟装不下这一站。', 'That trip has no room for this stop.'],
  'not-on-run': ['这个包裹不在这趟配送里。', 'That parcel is not on this run.'],
  'field.notOnRun': ['不是这趟配送的包裹。', 'Not a parcel of this run.'],
  'field.orderOrParcel': ['请给出订单号或快递单号中的一个。', 'Give either an order or a courier parcel, one of the two.'],
  'stop-completed': ['这一站已经记录过了。', 'This stop is already recorded.'],
  'stop-incomplete': ['这一站的每个包裹和每项上门任务都要记录。', 'Record every parcel and pick-up of the stop.'],
  'field.notThisStop': ['不是这一站的包裹。', 'Not a parcel of this stop.'],
  'field.listedTwice': ['写了两次。', 'Listed twice.'],
  'field.codeNeeded': ['交货要村民的取货码。', "The villager's code is needed to hand over."],
  'field.whyFailed': ['请写明为什么没送到。', 'Say why it could not be delivered.'],
  'field.parcelMissing': ['请说明包裹 {id} 怎么样了。', 'Say what happened to parcel {id}.'],
  'field.notThisPickup': ['不是这一站的上门任务。', 'Not a pick-up of this stop.'],
  'field.pickupMissing': ['请说明上门任务 {id} 做了没有。', 'Say whether pick-up {id} was done.'],
  'too-heavy': [
    '{itemsZh} 比三轮车能装的（{capacityKg} 公斤）还重：请用别的办法送，或换大一点的车来安排。',
    '{items}: more than the tricycle carries ({capacityKg} kg). Deliver another way, or plan with a bigger vehicle.',
  ],
  'too-heavy.item': ['{kind} {id}（{kg} 公斤）', '{kind} {id} ({kg} kg)'],
  'field.tooSmallFor': ['装不下 {itemsZh}。', 'Too small for {items}.'],
  'unknown-place': ['路程要连接本站的两个地方。', 'A road distance joins two places of this station.'],
  'field.notOurPlace': ['不是本站或本站的村。', 'Not this station or one of its villages.'],
  'field.differentPlaces': ['路程要连接两个不同的地方。', 'A road goes between two different places.'],

  // Field checks (zod issues and the forms' own).
  'field.required': ['必须填写。', 'Required.'],
  'field.type': ['应该是{expected}。', 'Expected {expected}.'],
  'field.notAccepted': ['这里不接受这一项。', 'This field is not accepted here.'],
  'field.empty': ['不能为空。', 'Must not be empty.'],
  'field.tooLong': ['最多 {max} 个字。', 'At most {max} characters.'],
  'field.tooShort': ['至少 {min} 个字。', 'At least {min} characters.'],
  'field.fewItems': ['至少要 {min} 项。', 'At least {min} items.'],
  'field.manyItems': ['最多 {max} 项。', 'At most {max} items.'],
  'field.searchWord': [
    '写一个能搜的词：一个汉字，或两个以上的字、字母或数字。',
    'Write something a search can look up: one Chinese character, or two or more characters, letters or digits.',
  ],
  'field.synonymSelf': ['不能和这个词本身一样。', 'Must not be the word itself.'],
  'field.synonymRepeated': ['这个词前面已经写过了。', 'This word is already in the list.'],
  'field.min': ['至少 {min}。', 'At least {min}.'],
  'field.max': ['最多 {max}。', 'At most {max}.'],
  'field.moreThan': ['要大于 {min}。', 'More than {min}.'],
  'field.lessThan': ['要小于 {max}。', 'Less than {max}.'],
  'field.wholeNumber': ['要填整数。', 'Use a whole number.'],
  'field.oneOf': ['请从这些里选一个：{values}。', 'One of: {values}.'],
  'field.invalid': ['填得不对。', 'Not valid.'],
  'field.amount': ['请填金额，例如 29、29.5 或 29元。', 'Enter an amount such as 29, 29.5 or 29元.'],
  'field.amountNegative': ['金额不能是负数。', 'The amount cannot be negative.'],
  'field.amountPositive': ['金额要大于 0。', 'The amount must be more than 0.'],
  'field.amountTooLarge': ['金额太大了。', 'The amount is too large.'],
  'field.countNegative': ['不能是负数。', 'Cannot be negative.'],
  'field.count': ['请填 {min} 到 {max} 之间的整数。', 'Enter a whole number from {min} to {max}.'],
  'field.weight': ['请填重量（公斤），例如 12.5。', 'Enter a weight in kg, such as 12.5.'],
  'field.weightNeeded': ['收了货就要写重量，没收就不要勾“已完成”。', 'Enter the weight collected, or untick "done".'],
  'field.kgMax': ['最多 {max} 公斤。', 'At most {max} kg.'],
  'field.kgMoreThan0': ['要大于 0 公斤。', 'More than 0 kg.'],
  'field.kmRange': ['要大于 0、最多 200 公里。', 'More than 0 and at most 200 km.'],
  'field.gramsRange': ['1 克到 500 公斤之间。', 'From 1 gram to 500 kg.'],
  'field.roadFactor': ['1 到 3 之间（路不会比直线短）。', 'From 1 to 3 (roads are never shorter than a straight line).'],
  'field.id': ['编号的格式不对。', 'Not a valid id.'],
  'field.sku': ['用 3–40 个大写字母、数字或 "-"。', 'Use 3–40 capital letters, digits or "-".'],
  'field.phone': ['请填 11 位手机号，例如 13800138000。', 'Use an 11-digit mainland mobile number, e.g. 13800138000.'],
  'field.deliveryCode': ['村民凭条上的 6 位数字。', "The 6-digit code on the villager's receipt."],
  'field.signInCode': ['短信里的 6 位数字。', 'The 6 digits the text message gave you.'],
  'field.pairingCode': ['合伙人页面上显示的 8 位数字。', 'The 8 digits shown on the partner form.'],
  'field.totpSecret': ['32 个大写字母或数字 2–7（Base32）。', 'Thirty-two Base32 characters (A–Z, 2–7).'],
  'field.date': ['日期格式是 年-月-日，例如 2026-12-30。', 'Use YYYY-MM-DD.'],
  'field.realDate': ['不是真实的日期。', 'Not a real date.'],
  'field.month': ['月份格式是 年-月，例如 2026-12。', 'Use YYYY-MM.'],
  // The catalogue import (CSV): each wrong cell is named by its line and column.
  'field.csvColumnMissing': ['文件的标题行缺少这一列。', 'The header line lacks this column.'],
  'field.csvColumnUnknown': ['不认识这一列。可用的列：{values}。', 'Unknown column. The columns are: {values}.'],
  'field.csvFieldCount': ['这一行有 {got} 格，标题行有 {expected} 格。', 'This line has {got} cells; the header has {expected}.'],
  'field.csvQuotes': ['这一行的引号没有配对。', 'A quote on this line is not closed.'],
  'field.csvNoRows': [
    '文件里没有商品行（第一行是标题，后面每行一个商品）。',
    'The file has no product lines (the first line is the header, then one product a line).',
  ],
  'field.csvManyRows': ['一次最多导入 {max} 行，请分批发送。', 'At most {max} lines at a time: send the file in parts.'],
  'field.skuRepeated': ['这个商品编号在第 {line} 行已经有了。', 'This SKU is already on line {line}.'],
  'field.yesNo': ['请填 是 或 否（yes/no）。', 'Enter yes or no (是/否).'],
  'field.wholeNumberRange': ['请填 {min} 到 {max} 之间的整数。', 'Enter a whole number from {min} to {max}.'],
  'field.basisPoints': ['0 到 10000 之间（10000 = 100%）。', 'Must be between 0 and 10000 (100%).'],
  'field.limit': ['请用 1 到 100 的整数。', 'Use a whole number from 1 to 100.'],
  'field.consent': ['村民要同意登记个人信息（consent: true）。', 'The villager must agree to having their details kept (consent: true).'],
  'field.qtyMax': ['一种商品一单最多 99 件。', 'At most 99 of one product per order.'],
  'field.linesNeeded': ['一个订单至少要一样商品。', 'An order needs at least one line.'],
  'field.returnLinesNeeded': ['至少退一件。', 'Return at least one line.'],
  'field.linesOrCart': ['要么写商品，要么用自助屏的购物单，不能两个都用。', 'Send either lines or a cartId (a kiosk cart), not both.'],
  'field.whichVillager': ['请说明订单是给哪位村民的。', 'Say which villager the order is for.'],
  'field.villagesNeeded': ['一个服务站至少服务一个村。', 'A station serves at least one village.'],
  'field.placeId': ['请写村的编号，或者写本站编号表示服务站自己。', 'A village id, or the station id for the station itself.'],

  // Words used inside sentences.
  'what.order': ['订单', 'order'],
  'what.villager': ['村民', 'villager'],
  'what.station': ['服务站', 'station'],
  'what.product': ['商品', 'product'],
  'what.cart': ['购物单', 'cart'],
  'what.run': ['配送', 'delivery run'],
  'what.task': ['上门任务', 'task'],
  'what.stop': ['站点', 'stop'],
  'what.village': ['村', 'village'],
  'what.route': ['接口', 'route'],
  'what.entry': ['流水', 'entry'],
  'what.count': ['盘点', 'count'],
  'what.remittance': ['交款', 'remittance'],
  'what.parcel': ['包裹', 'parcel'],
  'what.courier': ['快递公司', 'courier'],
  'what.biller': ['缴费单位', 'biller'],
  'what.billPayment': ['缴费记录', 'bill payment'],
  'what.account': ['户号', 'account'],
  'role.ops': ['平台运营', 'ops'],
  'role.partner': ['店主', 'partner'],
  'role.kiosk': ['自助屏', 'kiosk'],
  'status.PLACED': ['已下单', 'placed'],
  'status.AT_STATION': ['已到站', 'at the station'],
  'status.OUT_FOR_DELIVERY': ['配送中', 'out for delivery'],
  'status.DELIVERED': ['已送达', 'delivered'],
  'status.PICKED_UP': ['已取货', 'picked up'],
  'status.CANCELLED': ['已取消', 'cancelled'],
  'status.PLANNED': ['待出发', 'planned'],
  'status.STARTED': ['配送中', 'under way'],
  'status.COMPLETED': ['已完成', 'completed'],
  'status.OPEN': ['待安排', 'open'],
  'status.DONE': ['已完成', 'done'],
  'status.NOT_DONE': ['未完成', 'not done'],
  'doing.arrive': ['标记到站', 'mark it arrived'],
  'doing.pay': ['收款', 'take a payment'],
  'doing.handOver': ['交货', 'hand it over'],
  'doing.plan': ['安排配送', 'plan it on a run'],
  'doing.change': ['调整', 'change it'],
  'doing.start': ['出发', 'start it'],
  'doing.deliver': ['送货', 'deliver it'],
  'doing.failDelivery': ['记为没送到', 'record a failed delivery'],
  'doing.finish': ['完成', 'finish it'],
  'doing.confirm': ['确认', 'confirm'],
  'doing.reject': ['退回', 'reject'],
  'status.PENDING': ['待确认', 'pending'],
  'status.CONFIRMED': ['已确认', 'confirmed'],
  'status.REJECTED': ['已退回', 'rejected'],
  'type.string': ['文字', 'text'],
  'type.number': ['数字', 'a number'],
  'type.int': ['整数', 'a whole number'],
  'type.boolean': ['是或否', 'true or false'],
  'type.object': ['一组字段', 'an object'],
  'type.array': ['一个列表', 'a list'],
  'type.other': ['别的类型', 'another type'],
  // Added with remittance confirmation, erasure, receipts, deadlines and readiness.
  'title.413': ['内容太大', 'Payload too large'],
  'title.429': ['请求太频繁', 'Too many requests'],
  'title.504': ['系统超时', 'Timed out'],
  busy: [
    '系统正忙或数据库连不上。请稍后用同一个操作再发一次，不会重复执行。',
    'The service is busy or its database cannot be reached. Send the same request again in a moment, with the same Idempotency-Key: it will not be applied twice.',
  ],
  timeout: [
    '数据库没有及时回答，这个操作可能做了也可能没做。请用同一个操作再发一次：做过了会告诉您结果，绝不会做两次。',
    'The database did not answer in time, so this may or may not have been done. Send the same request again with the same Idempotency-Key: if it was done you get its answer, and it is never done twice.',
  ],
  'not-ready': ['还没准备好：数据库没有回答。请稍后再试。', 'Not ready: the table does not answer. Try again in a moment.'],
  'payload-too-large': ['内容太大（超过 {kb} KB）。', 'The body is too large (over {kb} KB).'],
  'field.tooLarge': ['太大了。', 'Too large.'],
  'cash-limit-reached.held': [
    '本站持有的现金（钱箱里的和还没经平台确认的交款）超过了上限 {limitFen}：请先交款，并等平台确认，再接新订单。',
    "The cash held (the drawer and remittances ops have not yet confirmed) is above this station's limit of {limitFen}: remit cash to the platform, and have ops confirm it, before taking new orders.",
  ],
  'cash-limit-reached.pending': [
    '钱箱里有 {drawerFen}，还有 {pendingFen} 交款没经平台确认：合计超过了本站上限 {limitFen}。平台确认交款后（或再交一些）才能接新订单。',
    "The drawer holds {drawerFen} and {pendingFen} remitted is not yet confirmed by ops: together above this station's limit of {limitFen}. New orders can be taken once ops confirm the remittance (or remit more).",
  ],
  'remittance-settled': ['这笔交款已经是“{status}”，不能再{doing}。', 'Cannot {doing} this remittance: it is already {status}.'],
  'phone-taken.other': [
    '这个电话号码在本站已经登记给另一位村民了（{holder}）。',
    'This phone number is already registered here, to another villager ({holder}).',
  ],
  'cart-ordered.as': ['购物单 {cartNo} 已经下成订单 {orderId} 了。', 'Cart {cartNo} was already placed as order {orderId}.'],
  'field.noSuchPlace': ['第 {trip} 趟只有第 1 到第 {last} 个位置可以放这一站。', 'Trip {trip} has places 1 to {last} for this stop.'],
  'no-code-needed': [
    '这个订单已经“{status}”，不再需要取货码，所以不补打小票。',
    'This order is {status}: its delivery code is no longer needed, so no new receipt is printed.',
  ],
  'order-locked.reprint': [
    '这个订单输错 {max} 次取货码，已经锁定。请先让平台核实村民并解锁。',
    'This order is locked after {max} wrong delivery codes. Ask ops to check the villager and unlock it first.',
  ],
  'not-locked': ['这个订单没有锁定，不用解锁。', 'This order is not locked: there is nothing to unlock.'],
  'too-deep': ['嵌套超过 {max} 层：这个接口没有哪个请求需要这么深。', 'Nested more than {max} levels deep: no request of this API needs that.'],
  'cursor-refused': ['这个翻页标记不是这个列表的，请不带它重新开始。', 'This cursor is not from this list. Start again without it.'],
  'changed-meanwhile.remittance': ['刚好有人同时处理了这笔交款，请重新打开。', 'Someone else settled this remittance at the same moment. Reload it.'],
  'drawer-short.refund.remitted': [
    '钱箱里没有 {refundFen} 可以退（是不是已经交款了？）。请点一下钱箱，或请平台退款给村民。',
    'The drawer does not hold the {refundFen} to refund (has the cash been remitted?). Count the drawer, or ask ops to refund the villager.',
  ],
  // Produce: weigh tickets, villagers' credit, lots.
  'what.produce': ['农产品', 'produce item'],
  'what.lot': ['批次', 'lot'],
  'unknown-produce': ['收购价目表里没有 {code}。', 'Produce {code} is not on the buying price list.'],
  'unknown-grade': ['{code} 没有 {grade} 级的收购价（有：{grades}）。', '{code} has no buying price for grade {grade} (it has: {grades}).'],
  'field.unknownGrade': ['没有这个等级的收购价。', 'No buying price for this grade.'],
  'field.unknownProduce': ['价目表里没有这个农产品。', 'Not on the buying price list.'],
  'field.tareBelowGross': ['皮重要比毛重小。', 'The tare must be less than the gross weight.'],
  'field.grams': ['要填整数克数，大于 0。', 'Whole grams, more than 0.'],
  'field.deduction': ['扣杂要在 0 到 5000（0%–50%）之间。', 'The deduction is 0 to 5000 basis points (0%–50%).'],
  'field.grade': ['等级是一个大写字母（A、B、C…）。', 'A grade is one capital letter (A, B, C, …).'],
  'field.gradesUnique': ['每个等级只能有一个价格。', 'Each grade has one price.'],
  'produce-too-little': [
    '净重 {netGrams} 克，按这个价格不到 1 分钱，不能开收购单。',
    'A net weight of {netGrams} g comes to less than ¥0.01 at this price: no ticket can be written.',
  ],
  'drawer-short.produce': [
    '钱箱里只有 {drawerFen}，付不了 {amountFen}。可以记在村民的余额上，或者先收款再付。',
    'The drawer holds {drawerFen}, not the {amountFen} to pay. Put it on the villager’s credit, or pay when the drawer holds it.',
  ],
  'drawer-short.payout': ['钱箱里只有 {drawerFen}，付不了 {amountFen}。', 'The drawer holds {drawerFen}, not the {amountFen} to pay out.'],
  'credit-short': ['这位村民的余额只有 {creditFen}。', 'This villager’s credit is only {creditFen}.'],
  'credit-short.order': ['这位村民的余额不够 {amountFen}。', 'This villager’s credit does not cover {amountFen}.'],
  'field.creditShort': ['超过了村民的余额。', 'More than the villager’s credit.'],
  'not-a-produce-stop': [
    '这个任务不是本站运行中的收农产品任务，或不在这位村民的村。',
    'This task is not a produce pick-up on a run of this station in the villager’s village.',
  ],
  'field.notAProduceStop': ['不是这位村民所在村的收农产品任务。', 'Not a produce pick-up in this villager’s village.'],
  'credit-changed': ['村民的余额刚刚变了，请刷新后再试。', 'The villager’s credit changed at the same moment. Reload and try again.'],
  'credit-left': [
    '这位村民还有 {creditFen} 余额没有领，先把余额付给他/她，再删除。',
    'This villager still has {creditFen} of credit: pay it out before deleting them.',
  ],
  'credit-order-villager': ['这个订单没有村民，不能用余额付款。', 'This order has no villager whose credit could pay it.'],
  'lot-dispatched': ['这个批次已经发走了（{status}）。', 'This lot has already been dispatched ({status}).'],
  'lot-changed': ['刚好有新的收购单加进这个批次，请刷新后再发车。', 'A ticket joined this lot at the same moment. Reload it and dispatch again.'],
  'status.DISPATCHED': ['已发走', 'dispatched'],
  'receipt-closed': ['这个订单已经“{status}”，不能再补打小票。', 'This order is {status}: its receipt can no longer be reprinted.'],

  // Installation and after-sales (the three guarantees, 三包).
  'claim-words.days': ['从交货那天算起，今天是第 {days} 天。', 'It is {days} days since the goods were handed over.'],
  'claim-words.remedies': ['按三包规定，现在可以：{remedies}。', 'Under the three guarantees the villager can now have: {remedies}.'],
  'claim-words.until': ['{remedy}：到 {date} 为止。', '{remedy}: until {date}.'],
  'claim-words.none': ['三包期限已过，不能再退、换或免费修理。', 'The three guarantees have run out: no return, exchange or free repair.'],
  'remedy.RETURN': ['退货退款', 'a return with a refund'],
  'remedy.EXCHANGE': ['换一件新的', 'an exchange for a new one'],
  'remedy.REPAIR': ['免费修理', 'a free repair'],
  'wrong-status.claim': ['只有已交货的商品才能报售后；这个订单是“{status}”。', 'Only handed-over goods can be claimed; this order is {status}.'],
  'not-claimable': ['这次售后不能登记。', 'This claim cannot be opened.'],
  'no-warranty': ['{title} 没有三包保修，不能登记售后。', '{title} has no warranty: no after-sales claim can be opened.'],
  'out-of-warranty': [
    '交货已经 {days} 天，过了三包期限（保修 {warrantyDays} 天），不能再退、换或免费修理。',
    'It is {days} days since hand-over, past the warranty of {warrantyDays} days: no return, exchange or free repair is due.',
  ],
  'remedy-not-allowed': ['按三包规定，这次售后现在只能：{remedies}。', 'Under the three guarantees this claim allows only: {remedies}.'],
  'date-in-past': ['日期已经过去了。', 'The date has passed.'],
  'technician-needed': ['由厂家师傅安装时，请写师傅的名字。', "When the brand's technician installs it, name the technician."],
  'installation-on-run': [
    '这次安装已经排进配送（{runId}）。请先在那一站记“未完成”，再改日期。',
    'This installation is already on a delivery run ({runId}): record it not done at that stop first, then change the date.',
  ],
  'field.dateInPast': ['不能早于今天（{today}）。', 'Cannot be before today ({today}).'],
  'field.technicianName': ['请写厂家师傅的名字。', "Name the brand's technician."],
  'field.noWarranty': ['{title} 没有保修。', '{title} has no warranty.'],
  'field.claimAtMost': [
    '{title} 最多还能报 {left} 件（已退、已换或正在处理的不算）。',
    'Only {left} of {title} can still be claimed (returned, exchanged or already claimed ones excluded).',
  ],
  'field.remedyNotAllowed': ['只能选：{remedies}。', 'Choose one of: {remedies}.'],
  'what.installation': ['安装', 'installation job'],
  'what.claim': ['售后', 'claim'],
  'status.SCHEDULED': ['已约好', 'scheduled'],
  'status.AWAITING_APPROVAL': ['等运营确认', "awaiting an operator's approval"],
  'status.REPAIRING': ['修理中', 'being repaired'],
  'status.RETURNED': ['已退货', 'returned'],
  'status.EXCHANGED': ['已换新', 'exchanged'],
  'status.REPAIRED': ['已修好', 'repaired'],
  'status.CLOSED': ['已结束', 'closed'],
  'doing.schedule': ['安排日期', 'schedule it'],
  'doing.reschedule': ['改日期', 'reschedule it'],
  'doing.complete': ['记为装好', 'record it done'],
  'doing.cancel': ['取消', 'cancel it'],
  'doing.resolve': ['处理', 'resolve it'],
  'doing.approve': ['批准', 'approve it'],
  'doing.recordRepair': ['记录修理结果', 'record a repair result'],
}));

export type MessageKey = keyof ReturnType<typeof catalogue>;

/** A message to be rendered in the reader's language. */
export interface Msg {
  readonly key: MessageKey;
  readonly params?: Params;
}

export const msg = (key: MessageKey, params?: Params): Msg => (params ? { key, params } : { key });

export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(catalogue(), key);

/** Every entry, [key, [zh-CN, en]] (for the tests that check the catalogue whole). */
export const catalogueEntries = () => Object.entries(catalogue()) as [MessageKey, readonly [string, string]][];

/** ¥3,900.00: the same in both languages, as a person reads an amount. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const whole = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}

const word = (prefix: string, value: string | number, lang: Lang): string => {
  const key = `${prefix}.${value}`;
  return isMessageKey(key) ? fill({ key }, lang) : String(value);
};

function formatParam(name: string, value: Value, lang: Lang): string {
  if (Array.isArray(value)) {
    const each = (value as readonly (string | number)[]).map((v) =>
      name === 'roles' ? word('role', v, lang) : name === 'remedies' ? word('remedy', v, lang) : String(v),
    );
    return each.join(lang === 'zh-CN' ? '、' : name === 'roles' ? ' or ' : ', ');
  }
  const one = value as string | number;
  if (name.endsWith('Fen') && typeof one === 'number') return formatYuan(one);
  if (name === 'status') return word('status', one, lang);
  if (name === 'what' || name === 'kind') return word('what', one, lang);
  if (name === 'role') return word('role', one, lang);
  if (name === 'doing') return word('doing', one, lang);
  if (name === 'remedy') return word('remedy', one, lang);
  if (name === 'expected') return word('type', one, lang);
  return String(one);
}

function fill(m: Msg, lang: Lang): string {
  const [zh, en] = catalogue()[m.key];
  const template: string = lang === 'zh-CN' ? zh : en;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = m.params?.[name];
    return value === undefined ? whole : formatParam(name, value, lang);
  });
}

/** The message in one language, its parameters filled in. */
export function render(m: Msg, lang: Lang): string {
  const text = fill(m, lang);
  // An English sentence starts with a capital even when a parameter opens it.
  return lang === 'en' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/**
 * The language of an Accept-Language header: the supported one the client
 * ranks highest; zh-CN when it names neither (the product's first language).
 */
export function negotiate(header: string | undefined | null): Lang {
  if (!header) return 'zh-CN';
  let best: { lang: Lang; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...rest] = part.trim().split(';');
    const q = Number(rest.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean) ?? '1');
    const name = tag.trim().toLowerCase();
    const lang: Lang | undefined = name.startsWith('zh') ? 'zh-CN' : name.startsWith('en') ? 'en' : undefined;
    if (lang && q > 0 && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'zh-CN';
}
