namespace ComplaintCloud.Api.Features.Templates.Shared;

/// <summary>The kinds of outgoing email and the languages we ship wording for.</summary>
public static class TemplateCatalog
{
    public const string ComplaintReceived = "complaint_received";
    public const string Reply = "reply";
    /// <summary>The return visit's survey link, in the customer's language (<see cref="Domain.Complaint.CustomerLanguage"/>).</summary>
    public const string SurveyInvitation = "survey_invitation";
    /// <summary>The survey link again, when the first email is unanswered at the reminder.</summary>
    public const string SurveyReminder = "survey_reminder";
    public static readonly IReadOnlyList<string> Kinds = [ComplaintReceived, Reply, SurveyInvitation, SurveyReminder];

    public const string English = "en";
    public const string Chinese = "zh-Hans";
    public static readonly IReadOnlyList<string> Languages = Infrastructure.Web.UiCulture.Supported;

    /// <summary>The variables a template may use; anything else renders empty.</summary>
    public static readonly IReadOnlyList<string> Variables = ["number", "subject", "customer_name", "body", "status_link", "survey_link", "opt_out_link"];

    /// <summary>The workspace's language for customer email: the same choice as its admin's UI language.</summary>
    public static string LanguageFor(string? locale) => Infrastructure.Web.UiCulture.For(locale);

    /// <summary>
    /// The receipt for an address typed into the public form, which nobody has verified: the number and the link,
    /// nothing the submitter wrote, and not editable by the workspace.
    /// </summary>
    public static TemplateText UnverifiedReceipt(string language) => language == Chinese
        ? new("[{{ number }}] 我们已收到您的投诉", """
            您好：

            我们已收到使用此邮箱地址提交的投诉，编号为 {{ number }}。
            {% if status_link != "" %}
            您可以通过以下链接查看处理进度：{{ status_link }}
            {% endif %}
            如果这不是您提交的，请忽略本邮件。
            """)
        : new("[{{ number }}] We have received your complaint", """
            Hello,

            We have received a complaint submitted with this email address. Its number is {{ number }}.
            {% if status_link != "" %}
            You can follow its progress here: {{ status_link }}
            {% endif %}
            If you did not submit it, please ignore this email.
            """);

    public static TemplateText Default(string kind, string language) => (kind, language) switch
    {
        (ComplaintReceived, Chinese) => new("[{{ number }}] 我们已收到您的投诉", """
            {{ customer_name }}，您好：

            感谢您联系我们。我们已收到您的投诉“{{ subject }}”，编号为 {{ number }}。
            {% if status_link != "" %}
            您可以通过以下链接查看处理进度：{{ status_link }}
            {% endif %}
            回复本邮件时请保留主题中的编号 {{ number }}。
            """),
        (ComplaintReceived, _) => new("[{{ number }}] We have received your complaint", """
            Dear {{ customer_name }},

            Thank you for contacting us. We have received your complaint "{{ subject }}" under the number {{ number }}.
            {% if status_link != "" %}
            You can follow its progress here: {{ status_link }}
            {% endif %}
            Please keep {{ number }} in the subject when you write to us about it.
            """),
        (SurveyInvitation, Chinese) => new("[{{ number }}] 您的投诉处理得怎么样？", """
            {{ customer_name }}，您好：

            您的投诉“{{ subject }}”（编号 {{ number }}）已处理完毕。我们想了解问题是否真正得到解决，以及您对处理过程是否满意。
            回答只需一分钟：
            {{ survey_link }}

            如果您不希望再收到此类回访邮件，请点击：{{ opt_out_link }}
            """),
        (SurveyInvitation, _) => new("[{{ number }}] How did we do with your complaint?", """
            Dear {{ customer_name }},

            Your complaint "{{ subject }}" ({{ number }}) has been resolved. We would like to know whether your problem is really
            solved and how satisfied you are with how we handled it. It takes a minute:
            {{ survey_link }}

            If you would rather not receive surveys from us, follow this link: {{ opt_out_link }}
            """),
        (SurveyReminder, Chinese) => new("提醒：[{{ number }}] 您的投诉处理得怎么样？", """
            {{ customer_name }}，您好：

            几天前我们请您评价投诉“{{ subject }}”（编号 {{ number }}）的处理情况，目前尚未收到您的回复。
            您的意见对我们很重要：
            {{ survey_link }}

            如果您不希望再收到此类回访邮件，请点击：{{ opt_out_link }}
            """),
        (SurveyReminder, _) => new("Reminder: [{{ number }}] How did we do with your complaint?", """
            Dear {{ customer_name }},

            A few days ago we asked how we handled your complaint "{{ subject }}" ({{ number }}). We have not heard from you yet,
            and your answer matters to us:
            {{ survey_link }}

            If you would rather not receive surveys from us, follow this link: {{ opt_out_link }}
            """),
        (Reply, Chinese) => new("回复：[{{ number }}] {{ subject }}", """
            {{ customer_name }}，您好：

            {{ body }}
            {% if status_link != "" %}
            处理进度：{{ status_link }}
            {% endif %}
            回复本邮件时请保留主题中的编号 {{ number }}。
            """),
        _ => new("Re: [{{ number }}] {{ subject }}", """
            Dear {{ customer_name }},

            {{ body }}
            {% if status_link != "" %}
            Progress of your complaint: {{ status_link }}
            {% endif %}
            Please keep {{ number }} in the subject when you reply.
            """),
    };
}

public sealed record TemplateText(string Subject, string Body);

public sealed record TemplateValues(string Number, string Subject, string CustomerName, string? Body, string? StatusLink,
    string? SurveyLink = null, string? OptOutLink = null)
{
    /// <summary>What the settings preview fills in, and a trial render when a template is saved.</summary>
    public static readonly TemplateValues Sample = new("C-2026-000123", "Blender stopped working after a week", "Li Na",
        "We are sorry. A replacement is on its way; the courier will call you beforehand.", "https://example.com/p/acme/complaints/status?token=…",
        "https://example.com/p/acme/survey?token=…", "https://example.com/p/acme/survey/opt-out?token=…");
}
