"""Chinese complaint text for bench/gen_complaints.py (--chinese-share): subjects, descriptions and customers of a bank's,
a retailer's and a logistics company's complaints, in Simplified Chinese, composed from pools of phrases.

A complaint picks a scenario by weight; the scenario gives the subject and the first sentences, the shared pools add how
the customer tried to get help, how they feel and what they want. The weights set how often a word occurs: 扣款 stands
only in the two scenarios about debits, 9 % of Chinese complaints;
发票 only in the invoice scenario, about 1.5 %. Placeholders in braces are filled per complaint (dates,
amounts, order and tracking numbers, product names, some of them in English), so no two descriptions are alike.
"""

# Surnames by rough frequency (王, 李 and 张 are each about 7 % of the population), with their pinyin for email addresses.
SURNAMES = [("王", "wang", 8), ("李", "li", 8), ("张", "zhang", 7), ("刘", "liu", 6), ("陈", "chen", 5), ("杨", "yang", 4),
            ("赵", "zhao", 3), ("黄", "huang", 3), ("周", "zhou", 3), ("吴", "wu", 3), ("徐", "xu", 2), ("孙", "sun", 2),
            ("胡", "hu", 2), ("朱", "zhu", 2), ("高", "gao", 2), ("林", "lin", 2), ("何", "he", 2), ("郭", "guo", 2),
            ("马", "ma", 2), ("罗", "luo", 1), ("梁", "liang", 1), ("宋", "song", 1), ("郑", "zheng", 1), ("谢", "xie", 1),
            ("韩", "han", 1), ("唐", "tang", 1), ("冯", "feng", 1), ("于", "yu", 1), ("董", "dong", 1), ("萧", "xiao", 1),
            ("程", "cheng", 1), ("曹", "cao", 1), ("袁", "yuan", 1), ("邓", "deng", 1), ("许", "xu", 1), ("傅", "fu", 1),
            ("欧阳", "ouyang", 1), ("司马", "sima", 1)]
GIVEN = [("伟", "wei"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"), ("强", "qiang"), ("磊", "lei"), ("军", "jun"),
         ("洋", "yang"), ("勇", "yong"), ("艳", "yan"), ("杰", "jie"), ("娟", "juan"), ("涛", "tao"), ("明", "ming"),
         ("超", "chao"), ("秀英", "xiuying"), ("霞", "xia"), ("平", "ping"), ("刚", "gang"), ("桂英", "guiying"),
         ("建华", "jianhua"), ("晓东", "xiaodong"), ("小红", "xiaohong"), ("子涵", "zihan"), ("浩然", "haoran"),
         ("欣怡", "xinyi"), ("宇轩", "yuxuan"), ("梓萱", "zixuan"), ("思远", "siyuan"), ("雨桐", "yutong"),
         ("志强", "zhiqiang"), ("海燕", "haiyan"), ("文博", "wenbo"), ("玉兰", "yulan"), ("国庆", "guoqing"),
         ("春梅", "chunmei"), ("俊杰", "junjie"), ("嘉怡", "jiayi"), ("一鸣", "yiming")]

DEVICES = ["iPhone 15", "iPhone 15 Pro Max", "华为Mate 60", "小米14", "MacBook Air", "AirPods Pro", "iPad", "Switch游戏机",
           "蓝牙耳机", "笔记本电脑", "智能手表", "扫地机器人", "戴森吹风机", "空气净化器"]
PRODUCTS = DEVICES + ["美的空调", "海尔冰箱", "格力空调", "Nike跑鞋", "羽绒服", "电饭煲", "婴儿奶粉", "电动牙刷", "洗衣机", "床垫"]
BRANCHES = ["朝阳支行", "海淀支行", "浦东分行", "天河支行", "南山支行", "江北支行", "城南营业部", "高新区支行"]
HOTLINES = ["客服热线", "95开头的客服电话", "400客服电话", "信用卡中心电话"]
COURIERS = ["顺丰", "中通", "圆通", "韵达", "申通", "京东物流", "EMS"]
WEEKDAYS = ["一", "二", "三", "四", "五", "六", "日"]
TIMES = ["两", "三", "四", "五", "好几", "十几"]


def date(r):
    k = r.randrange(6)
    if k == 0:
        return f"{r.randrange(1, 13)}月{r.randrange(1, 29)}日"
    if k == 1:
        return f"上周{r.choice(WEEKDAYS)}"
    if k == 2:
        return r.choice(["昨天", "前天", "昨天晚上", "今天上午", "上个月底", "月初"])
    if k == 3:
        return f"本月{r.randrange(1, 29)}号"
    return f"2026年{r.randrange(1, 13)}月{r.randrange(1, 29)}日"


def amount(r):
    n = r.choice([r.randrange(20, 300), r.randrange(300, 3000), r.randrange(3000, 20000)])
    k = r.randrange(4)
    if k == 0:
        return f"{n}元"
    if k == 1:
        return f"¥{n:,}.00"
    if k == 2:
        return f"{n}.{r.randrange(100):02d}元"
    return f"人民币{n}元"


def fill(r, text, product, device):
    """Fills the placeholders; the complaint's product and device are the same wherever they stand, the others are drawn
    one by one, so that two dates or amounts in one text differ."""
    makers = {
        "date": lambda: date(r),
        "amount": lambda: amount(r),
        "small": lambda: r.choice([f"{r.randrange(10, 500)}元", f"¥{r.randrange(10, 500)}.00"]),
        "fee": lambda: f"{r.randrange(12, 80)}元",
        "order": lambda: f"{r.choice(['订单号', '订单号：', '订单', '订单编号'])}{r.choice(['', ' '])}2026{r.randrange(1, 13):02d}{r.randrange(1, 29):02d}{r.randrange(10000, 99999)}",
        "tracking": lambda: r.choice(["SF", "ZTO", "YT", "JD", "75"]) + str(r.randrange(10 ** 9, 10 ** 12)),
        "product": lambda: product,
        "device": lambda: device,
        "card": lambda: f"尾号{r.randrange(1000, 9999)}",
        "branch": lambda: r.choice(BRANCHES),
        "hotline": lambda: r.choice(HOTLINES),
        "courier": lambda: r.choice(COURIERS),
        "days": lambda: str(r.randrange(3, 31)),
        "times": lambda: r.choice(TIMES),
        "ticket": lambda: f"TS{r.randrange(10 ** 7, 10 ** 8)}",
    }
    out, i = [], 0
    while True:
        j = text.find("{", i)
        if j < 0:
            out.append(text[i:])
            return "".join(out)
        k = text.index("}", j)
        out.append(text[i:j])
        out.append(makers[text[j + 1:k]]())
        i = k + 1


# (weight, product_ref, cases, details, demands); a case is (subjects, openings) that belong together. Weights add up to
# 100 (per cent of the Chinese complaints).
SCENARIOS = [
    # ---- bank ----
    (5, "信用卡",
     [(["信用卡被重复扣款", "同一笔消费被扣款两次", "信用卡重复扣款，要求退回", "刷卡一次却扣款两次"],
       ["我的信用卡（{card}）在{date}被重复扣款，同一笔{amount}的消费扣了两次。",
        "{date}在商场刷卡消费{amount}，账单上却出现了两笔一模一样的扣款。",
        "{date}用信用卡在网上买{product}，只下了一单，银行却扣款两次。"]),
      (["支付失败却被扣款", "交易显示失败，钱已经扣款"],
       ["手机银行显示交易失败，可是卡里已经扣款了，我重新支付后又被扣了一次，一共多付了{amount}。",
        "{date}在App上付款时提示支付失败，但短信显示扣款{amount}成功。"])],
     ["商户说他们只收到一笔钱，让我找银行。", "账单日已经过了，多出来的那笔还算进了最低还款额。",
      "我核对了短信通知，两笔交易时间只差几秒。", ""],
     ["请尽快核实并退还多扣的那笔钱。", "希望银行尽快处理这笔重复交易，不要影响我的征信。"]),
    (4, "储蓄卡",
     [(["未经同意自动扣款", "会员自动续费扣款没有提前通知"],
       ["我从没开通过自动续费，可是{date}账户被扣款{small}。",
        "我的储蓄卡（{card}）连续三个月被自动扣款，每次{small}，我根本不知道是什么费用。"]),
      (["账户出现不明扣款", "莫名其妙被扣款"],
       ["{date}收到短信提醒账户扣款{amount}，但我当时并没有任何消费。",
        "查账单时发现{date}有一笔{amount}的扣款，商户名称我从来没见过。"])],
     ["网点工作人员查了半天也说不清楚是哪个商户。", "我已经把卡挂失了，担心信息被泄露。", ""],
     ["请查明这笔钱的去向并退还给我。", "请立即停止这项扣费，并退回之前收取的所有费用。"]),
    (4, "信用卡",
     [(["信用卡年费未减免", "说好免年费却收了年费", "年费收取不合理"],
       ["办卡时业务员承诺首年免年费，刷满六次就免，可是{date}还是收了{small}年费。",
        "我这张卡一年刷了二十多次，仍然被收取年费{small}，客服说活动规则变了。"])],
     ["办卡的时候没有人告诉我规则会变。", "同事办的同一种卡就免了年费。", ""],
     ["请退还年费。", "要求按照当初的承诺减免年费。"]),
    (7, "客服",
     [(["客服电话打不通", "热线一直占线，没人接听", "人工客服根本转不过去", "投诉无门，电话永远打不通"],
       ["这几天我打了{times}次客服电话，每次都是语音提示排队，等了半个多小时也没接通。",
        "拨打{hotline}转人工，一直提示坐席繁忙，请稍后再拨。",
        "{date}开始我一直想联系人工客服，电话打不通，在线客服也只会发自动回复。"])],
     ["我的问题其实很简单，就是想确认一下账户的状态。", "语音菜单绕来绕去，按了七八个键还是回到开头。",
      "好不容易接通了，说了两句就被挂断了。", ""],
     ["希望增加人工客服，至少让人能打得进去。", "请安排专人给我回电话。"]),
    (4, "网点服务",
     [(["柜台办理业务排队太久", "网点只开一个窗口"],
       ["{date}我在{branch}办理挂失，只开了一个窗口，排队两个多小时。",
        "{date}去{branch}办业务，取号后前面还有四十多人，等了一个上午。"]),
      (["网点工作人员态度差", "柜员服务态度恶劣"],
       ["{date}去{branch}取钱，柜员一边玩手机一边办，态度非常冷淡。",
        "在{branch}问了一句为什么这么慢，柜员直接不理我。"]),
      (["大堂经理强行推销理财", "办业务被反复推销理财产品"],
       ["在{branch}办业务的时候，大堂经理一直推销理财产品，我说不需要还被冷嘲热讽。"])],
     ["老人和孩子都在那里等着，没有人管。", "旁边的客户也很有意见。", ""],
     ["请对相关工作人员进行批评教育。", "希望网点在高峰时段多开几个窗口。"]),
    (5, "转账",
     [(["转账迟迟未到账", "跨行转账显示成功但对方没收到"],
       ["{date}通过手机银行向家人转账{amount}，页面显示成功，但对方到现在都没收到。",
        "跨行转账{amount}已经{days}天了，对方银行说没有这笔入账记录。"]),
      (["转账被退回但钱没回来"],
       ["{date}的一笔转账{amount}被退回，银行说已经原路返回，可我的账户里没有。"])],
     ["这笔钱是要交房租的，现在房东天天催。", "客服只让我再等等，说系统在处理。", ""],
     ["请尽快查明资金去向。", "希望今天之内给我一个结果。"]),
    (3, "贷款",
     [(["贷款利息与合同不一致", "房贷利率没有按时调整"],
       ["合同上写的年利率和实际收的利息对不上，每个月多付了{small}。",
        "LPR已经下调了，我的房贷利率到现在还没有调整，每月多还{small}。"]),
      (["提前还款被收取高额违约金"],
       ["我申请提前还款，被告知要交{amount}违约金，签合同时根本没有说明。"])],
     ["我去{branch}问过，经理也解释不清楚。", "合同条款写得含糊，普通人根本看不懂。", ""],
     ["请重新核算利息。", "请书面说明收费的依据。"]),
    (3, "账户",
     [(["银行卡被无故冻结", "工资卡突然不能用了"],
       ["{date}我的银行卡（{card}）突然被冻结，工资都取不出来。"]),
      (["账户被限制非柜面交易"],
       ["账户被限制了非柜面交易，只能去柜台办理，可我人在外地。"])],
     ["客服说要我本人带身份证回开户行。", "没有收到任何通知，也没人解释原因。", ""],
     ["请尽快解除限制。", "希望说明冻结的原因。"]),
    (3, "营销电话",
     [(["频繁接到推销电话", "一天接到五个贷款推销电话"],
       ["最近每天都接到自称是你们银行的电话推销分期和贷款，我已经说过不需要了。"]),
      (["未经同意被推销保险"],
       ["{date}去办业务，被工作人员在不知情的情况下买了一份保险，每年要交{amount}。"])],
     ["上班时间被打扰很多次。", "我要求取消，对方一直推脱。", ""],
     ["请把我的号码从营销名单里删除。", "要求取消并全额退回已交的钱。"]),
    # ---- retail ----
    (10, "退款",
     [(["退款一直没有到账", "申请退货退款半个月还没收到钱", "退款显示成功但没收到"],
       ["我在{date}申请了退货，商品已经寄回并显示签收，但退款{amount}到现在还没到账。",
        "退回的{product}你们仓库{date}就签收了，退款状态却一直是处理中。"]),
      (["取消订单后退款迟迟不到"],
       ["{order}取消后客服说三到五个工作日退款，现在已经过去{days}天了。"])],
     ["每次问客服都说在走流程。", "退款页面显示已退回原支付账户，可我的账户里什么都没有。", ""],
     ["请尽快把钱退给我。", "要求全额退款，并说明延误的原因。"]),
    (10, "商品质量",
     [(["{device}收到就是坏的", "{device}开箱有划痕"],
       ["{date}收到{device}，开机就黑屏，屏幕角落还有划痕。",
        "收到的{device}外包装完好，打开一看机身有明显的磕碰。"]),
      (["刚买的{device}用了一周就出故障", "{device}质量太差"],
       ["在你们店买的{device}，用了不到一周就坏了，{order}。",
        "{device}买了不到一个月，已经出现两次死机，充电也充不进去。"]),
      (["{product}质量太差", "{product}用了几天就坏了"],
       ["在你们店买的{product}，用了不到一周就坏了，{order}。"]),
      (["商品与描述不符", "{device}配件不全"],
       ["页面上写的是正品行货，收到的{device}包装被拆过，配件也不全。"])],
     ["我拍了照片和视频，可以提供。", "联系店家，对方让我自己去售后点检测。", "这已经是第二次换货了。", ""],
     ["请给我换一个新的。", "要求退货退款，运费由你们承担。", "希望给我一个合理的处理方案。"]),
    (3, "正品保障",
     [(["怀疑买到假货", "收到的{product}不是正品", "官方旗舰店卖假货"],
       ["在官方旗舰店买的{product}，去专柜验货说不是正品。",
        "收到的{product}做工粗糙，防伪码在官网上查不到。"])],
     ["商家坚持说是正品，拒绝退货。", "我已经保留了所有聊天记录。", ""],
     ["要求假一赔三。", "请平台介入处理。"]),
    (4.5, "价格优惠",
     [(["下单后马上降价，要求补差价"],
       ["{date}下单买了{product}，第二天就降价了{small}，客服不给保价。"]),
      (["优惠券无法使用"],
       ["领的满减优惠券结算时显示不可用，页面明明写着全场通用。"]),
      (["活动价格与结算价格不符"],
       ["商品页面显示活动价，结算时却按原价收了钱，多付了{small}。"])],
     ["截图我都保存了。", "问客服，回答永远是系统原因。", ""],
     ["请补偿差价。", "希望退还多收的钱。"]),
    (1.5, "发票",
     [(["发票一直开不出来", "申请电子发票没有回应"],
       ["{order}已经确认收货{days}天了，申请的发票一直没有开出来。"]),
      (["发票抬头开错了"],
       ["收到的电子发票抬头写错了，申请重开也没人处理。"])],
     ["公司报销下周就截止了。", "客服让我等，已经问了三次。", ""],
     ["请尽快开具正确的发票。", "请今天之内把发票发到我的邮箱。"]),
    (4, "售后维修",
     [(["售后维修拖了一个月"],
       ["{device}送修已经{days}天了，售后一直说在等配件。"]),
      (["保修期内维修还要收费"],
       ["{device}还在保修期内，售后却说是人为损坏，要我付{small}维修费。"]),
      (["维修后问题依旧"],
       ["{device}修了两次，拿回来还是同样的问题。"])],
     ["售后网点的电话也经常没人接。", "维修单号是{ticket}。", ""],
     ["请直接给我换新机。", "要求免费维修。"]),
    (2, "会员积分",
     [(["会员积分被清零"],
       ["我攒了三年的会员积分，{date}突然全部清零了，事先没有任何通知。"]),
      (["积分兑换的礼品没有发货"],
       ["用积分兑换的{product}，过了{days}天还没有发货。"])],
     ["会员规则里没有写清楚。", "问了客服，说是系统自动处理的。", ""],
     ["请给我一个说法。", "请尽快处理。"]),
    # ---- logistics ----
    (7, "快递",
     [(["物流显示已签收但没收到", "快递被别人签收了", "包裹显示签收，我根本没拿到"],
       ["快递单号{tracking}，物流信息显示{date}已签收，可我家里没人收到，也没有放在快递柜。",
        "我买的{product}显示已经签收，签收人写的是门卫，但门卫说没见过这个包裹。"])],
     ["快递员电话打不通，网点说会核实，之后就没有消息了。", "小区监控显示那天快递员根本没来过。", ""],
     ["请尽快找回包裹，或者按价赔偿。", "请给我一个明确的处理结果。"]),
    (4, "快递",
     [(["快递员态度恶劣", "快递员辱骂客户"],
       ["{date}{courier}的快递员打电话让我下楼取件，我说在上班，他直接骂人。"]),
      (["快递员不送货上门", "快递员私自把包裹放驿站"],
       ["我付了送货上门的钱，快递员从来不送，每次都直接放驿站。"]),
      (["快递员乱扔包裹"],
       ["快递员把包裹扔在门口就走了，里面的{product}摔坏了。"])],
     ["我有通话录音。", "我问他为什么这样，他说爱要不要。", ""],
     ["请对这名快递员进行处理，并向我道歉。", "希望以后能送货上门。"]),
    (6, "物流",
     [(["快递延误一周还没到", "物流信息好几天没有更新"],
       ["{date}寄出的包裹，单号{tracking}，物流信息停在中转站已经{days}天了。",
        "买的{product}显示已发货，但物流一直没有更新。"]),
      (["承诺次日达却延误三天"],
       ["{courier}承诺次日达，结果三天后才送到，里面的生鲜都坏了。"])],
     ["查询物流只显示运输中。", "这是给客户的样品，耽误了我们的生意。", ""],
     ["请尽快派送。", "要求赔偿运费和损失。"]),
    (4, "物流",
     [(["包裹破损，里面的东西坏了"],
       ["收到包裹时外箱已经破了，里面的{product}摔坏了。"]),
      (["快递丢件，理赔一直不处理", "保价快递丢了只赔运费"],
       ["寄了一件{product}，保价{amount}，快递丢了，网点只愿意赔运费。",
        "{courier}弄丢了我的包裹，理赔申请提交了{days}天，一直没有人处理。"])],
     ["我当场拍照给快递员看了，他不肯签字确认。", "网点和总部互相推脱。", ""],
     ["请按保价金额赔偿。", "请尽快处理理赔。"]),
    (2, "运费",
     [(["运费收取不合理", "被多收了运费"],
       ["寄一份文件收了我{fee}运费，比官网上的价格贵了一倍。",
        "下单时显示包邮，收货时快递员又让我补了{fee}运费。"])],
     ["快递员说这是规定，拿不出任何依据。", ""],
     ["请退还多收的运费。", "请说明收费标准。"]),
    (4, "其他",
     [(["对处理结果不满意", "投诉了三次还没有结果"],
       ["上个月我已经投诉过一次，工单号{ticket}，到现在都没有结果。",
        "之前反映的问题你们给的处理方案我不接受。"])],
     ["每次打电话都要从头讲一遍。", ""],
     ["请安排专人负责我的问题。", "希望给我一个满意的答复。"]),
]
assert abs(sum(s[0] for s in SCENARIOS) - 100) < 1e-9

CONTACT = ["我已经联系过客服{times}次，每次都说会有专人回电，但一直没有人联系我。",
           "在线客服只会发模板回复，问题根本没有解决。",
           "我打了客服电话，对方让我再等等，已经等了{days}天。",
           "我在App里提交了投诉工单，编号{ticket}，到现在还是处理中。",
           "{date}我又打了一次电话，客服说已经加急，可还是没有下文。",
           "前前后后打了{times}次电话，每次都要重新解释一遍。"]
FEELING = ["这已经严重影响了我的正常生活。", "作为你们多年的老客户，我非常失望。", "真的太让人生气了！",
           "这种处理方式实在让人无法接受。", "我不明白为什么这么简单的事情要拖这么久？", "请问你们到底有没有人管？"]
DEMAND = ["希望你们尽快给我一个明确的答复。", "请尽快处理，否则我会向消费者协会投诉。", "麻烦尽快安排专人跟进，谢谢。",
          "请问什么时候能处理好？", "如果一周内没有结果，我会向12315投诉。", "请在三个工作日内回复我。",
          "需要的话我可以提供聊天记录、截图和付款凭证。"]
OUTCOMES = ["全额退款", "赔礼道歉", "赔偿损失", "退还多收的费用", "尽快处理", "给一个明确的答复", ""]
MOBILE_PREFIXES = [str(p) for p in (*range(130, 140), 150, 151, 152, 153, 155, 156, 157, 158, 159, 166, 177, 178,
                                    *range(180, 190), 198, 199)]

_SURNAME_WEIGHTS = [s[2] for s in SURNAMES]
_SCENARIO_WEIGHTS = [s[0] for s in SCENARIOS]


def customer(r):
    """(name, email, phone) of a Chinese customer; the address from the name's pinyin or a number, the phone a mobile."""
    surname, sur_py, _ = r.choices(SURNAMES, _SURNAME_WEIGHTS)[0]
    given, given_py = r.choice(GIVEN)
    if r.random() < 0.3:  # two-character given names are the commoner kind
        g2, g2_py = r.choice(GIVEN)
        if len(given) == 1 and len(g2) == 1 and g2 != given:
            given, given_py = given + g2, given_py + g2_py
    k = r.randrange(4)
    local = (f"{sur_py}{given_py}{r.randrange(1, 999)}", f"{given_py}.{sur_py}", f"{sur_py}_{given_py}{r.randrange(70, 100)}",
             str(r.randrange(10 ** 7, 10 ** 10)))[k]
    email = f"{local}@{r.choice(['example.com', 'example.net', 'example.org'])}"
    mobile = f"{r.choice(MOBILE_PREFIXES)}{r.randrange(10 ** 7, 10 ** 8)}"
    phone = (f"+86 {mobile[:3]} {mobile[3:7]} {mobile[7:]}", f"+86 {mobile[:3]}-{mobile[3:7]}-{mobile[7:]}", mobile,
             f"+86{mobile}")[r.randrange(4)]
    return surname + given, email, phone


def complaint(r):
    """(subject, description, customer name, email, phone, product_ref, desired outcome) of one Chinese complaint."""
    _, product_ref, cases, details, demands = r.choices(SCENARIOS, _SCENARIO_WEIGHTS)[0]
    subjects, openings = r.choice(cases)
    product, device = r.choice(PRODUCTS), r.choice(DEVICES)
    subject = fill(r, r.choice(subjects), product, device)
    parts = [r.choice(openings), r.choice(details)]
    if r.random() < 0.7:
        parts.append(r.choice(CONTACT))
    if r.random() < 0.4:
        parts.append(r.choice(FEELING))
    if r.random() < 0.9:
        parts.append(r.choice(demands) if r.random() < 0.6 else r.choice(DEMAND))
    text = [fill(r, p, product, device) for p in parts if p]
    # 40-300 characters: drop the middle sentences while too long, add one while too short.
    while sum(map(len, text)) > 300 and len(text) > 2:
        del text[1]
    if sum(map(len, text)) < 40:
        text.append(fill(r, r.choice(CONTACT), product, device))
    description = "".join(text)[:300]
    name, email, phone = customer(r)
    return subject, description, name, email, phone, product_ref, r.choice(OUTCOMES)
