using System.Xml.Linq;
using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Domain;

/// <summary>The event types as declared on their payload records: unique names, and timeline labels the Chinese admin can show.</summary>
public sealed class EventCatalogTests
{
    [Fact]
    public void Every_event_type_has_one_name_and_its_label_has_a_chinese_translation()
    {
        var resx = XDocument.Load(Path.Combine(RepoPaths.Root, "src", "ComplaintCloud.Api", "Resources", "SharedResource.zh-Hans.resx"));
        var translated = resx.Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();

        Assert.Equal(ComplaintEventCatalog.All.Count, ComplaintEventCatalog.All.Select(k => k.Type).Distinct().Count());
        Assert.All(ComplaintEventCatalog.All, k => Assert.Contains(k.Label, translated));
        Assert.All(ComplaintEventCatalog.All, k => Assert.False(string.IsNullOrEmpty(k.Icon)));
    }

    [Fact]
    public void Conversation_events_stay_off_the_customers_status_page_and_every_event_is_in_the_change_feed()
    {
        var customer = ComplaintEventCatalog.TypesShownTo(EventAudience.CustomerStatusPage);

        Assert.DoesNotContain("complaint.note_added", customer);
        Assert.DoesNotContain("complaint.updated", customer);
        Assert.Contains("complaint.resolved", customer);
        Assert.Equal(ComplaintEventCatalog.All.Count, ComplaintEventCatalog.TypesShownTo(EventAudience.ChangeFeed).Length);
    }

    [Fact]
    public void A_stored_payload_reads_back_as_its_record()
    {
        var payload = ComplaintEventCatalog.Deserialize("complaint.solution_proposed",
            """{"type":"refund","amount":120.5,"currency":"CNY","description":"Full refund","approvalRequired":true}""");
        var empty = ComplaintEventCatalog.Deserialize("complaint.approval_requested", null);

        Assert.Equal(new SolutionProposed(ComplaintCloud.Api.Domain.RemedyType.Refund, 120.5m, "CNY", "Full refund", true), payload);
        Assert.IsType<ApprovalRequested>(empty);
        Assert.Null(ComplaintEventCatalog.Deserialize("complaint.no_longer_written", "{}"));
    }
}
