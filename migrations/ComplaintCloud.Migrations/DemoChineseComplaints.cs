using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;

namespace ComplaintCloud.Migrations;

/// <summary>
/// Lotus Bank's complaints written in Chinese, beside the CFPB sample (in English): what its agents search for (扣款,
/// 退款, 信用卡 …), with Chinese names and phone numbers, received over the last days and still open.
/// </summary>
internal static class DemoChineseComplaints
{
    private sealed record Row(string Subject, string Description, string Customer, string Phone, ComplaintChannel Channel, ComplaintSeverity Severity);

    private static readonly Row[] Rows =
    [
        new("信用卡被重复扣款", "我的信用卡在同一天同一笔消费被扣款两次，金额都是3,280元。客服电话一直打不通，希望尽快退回多扣的款项。",
            "王伟", "+86 138-0013-8000", ComplaintChannel.Phone, ComplaintSeverity.Serious),
        new("自动还款扣款失败却收取滞纳金", "我设置了借记卡自动还款，账户余额充足，但本月扣款失败，银行还收取了滞纳金和利息，要求撤销。",
            "李娜", "+86 139-1234-5678", ComplaintChannel.Web, ComplaintSeverity.General),
        new("退款迟迟未到账", "网购退货后商家已同意退款，银行说已受理，但十个工作日过去了，款项仍未退回到我的信用卡。",
            "张敏", "+86 137-2222-3333", ComplaintChannel.Email, ComplaintSeverity.General),
        new("手机银行转账显示成功但对方未收到", "昨天通过手机银行向家人转账5,000元，页面显示成功，对方账户却没有收到，客服只让我耐心等待。",
            "刘洋", "+86 136-4444-5555", ComplaintChannel.Api, ComplaintSeverity.Serious),
        new("网点排队时间过长", "周六上午在人民广场支行办理业务，排队超过两个小时，只有一个窗口营业。",
            "陈静", "+86 135-6666-7777", ComplaintChannel.InPerson, ComplaintSeverity.General),
        new("理财产品销售时未说明风险", "客户经理推荐的理财产品说是保本的，购买后才发现是非保本浮动收益，现在亏损了8%。",
            "杨帆", "+86 133-8888-9999", ComplaintChannel.Letter, ComplaintSeverity.Critical),
        new("未经同意开通短信服务并扣款", "我从未申请过短信提醒服务，但每个月被扣款3元，已经扣了一年，要求退还全部费用。",
            "赵磊", "+86 132-1111-2222", ComplaintChannel.Phone, ComplaintSeverity.General),
        new("信用卡年费未按约定减免", "办卡时承诺刷满六次免年费，我已满足条件，仍被收取年费600元。",
            "黄丽", "+86 131-3333-4444", ComplaintChannel.Web, ComplaintSeverity.General),
        new("ATM吞卡三天无人处理", "在地铁站的ATM取款时银行卡被吞，联系客服后三天仍未处理，卡里有工资急需使用。",
            "周杰", "+86 150-5555-6666", ComplaintChannel.Phone, ComplaintSeverity.Serious),
        new("提前还款手续费不合理", "提前还清房贷时被收取高额手续费，合同中没有明确约定，要求说明收费依据。",
            "吴芳", "+86 151-7777-8888", ComplaintChannel.Email, ComplaintSeverity.General),
        new("客服态度恶劣", "致电客服咨询扣款明细，客服人员语气不耐烦，还直接挂断了电话。",
            "孙强", "+86 152-9999-0000", ComplaintChannel.Phone, ComplaintSeverity.General),
        new("工资卡被冻结无法使用", "工资卡突然被冻结，无法取款和支付，网点说需要补充资料，但没有说明原因。",
            "郑爽", "+86 153-1212-3434", ComplaintChannel.InPerson, ComplaintSeverity.Serious),
    ];

    /// <summary>Adds the rows as new complaints, one every few hours up to an hour ago; saved with the caller's other complaints.</summary>
    public static async Task AddAsync(AppDbContext db, Guid tenantId, DateTimeOffset now, CancellationToken ct)
    {
        for (var i = 0; i < Rows.Length; i++)
        {
            var row = Rows[i];
            var received = now.AddHours(-1 - 7 * i);
            var number = ComplaintNumbers.Format(received.Year, await ComplaintNumbers.ReserveAsync(db, tenantId, received.Year, 1, ct));
            db.Complaints.Add(Complaint.Receive(Guid.CreateVersion7(received), number, row.Subject, row.Description, row.Channel, row.Severity,
                row.Customer, null, row.Phone, null, null, null, null, received, received.AddDays(Tenant.DefaultResolutionTargetDays),
                Actor.SystemActor, received));
        }
    }
}
