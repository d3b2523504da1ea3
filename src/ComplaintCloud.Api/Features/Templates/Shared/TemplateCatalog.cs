namespace ComplaintCloud.Api.Features.Templates.Shared;

/// <summary>The kinds of outgoing email and the languages we ship wording for.</summary>
public static class TemplateCatalog
{
    public const string ComplaintReceived = "complaint_received";
    public const string Reply = "reply";
    public static readonly IReadOnlyList<string> Kinds = [ComplaintReceived, Reply];

    public const string English = "en";
    public const string Chinese = "zh-Hans";
    public static readonly IReadOnlyList<string> Languages = Infrastructure.Web.UiCulture.Supported;

    /// <summary>The variables a template may use; anything else renders empty.</summary>
    public static readonly IReadOnlyList<string> Variables = ["number", "subject", "customer_name", "body", "status_link"];

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

public sealed record TemplateValues(string Number, string Subject, string CustomerName, string? Body, string? StatusLink)
{
    /// <summary>What the settings preview fills in, and a trial render when a template is saved.</summary>
    public static readonly TemplateValues Sample = new("C-2026-000123", "Blender stopped working after a week", "Li Na",
        "We are sorry. A replacement is on its way; the courier will call you beforehand.", "https://example.com/p/acme/complaints/status?token=…");
}
