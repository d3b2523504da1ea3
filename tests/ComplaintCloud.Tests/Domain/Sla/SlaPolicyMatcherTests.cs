using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.Categories.Shared;

namespace ComplaintCloud.Tests.Domain.Sla;

/// <summary>SlaPolicyMatcher and the category ancestry it is given: first match wins, empty lists match anything.</summary>
public sealed class SlaPolicyMatcherTests
{
    private static readonly Guid Delivery = Guid.Parse("00000000-0000-0000-0000-00000000c001");
    private static readonly Guid LateDelivery = Guid.Parse("00000000-0000-0000-0000-00000000c002");
    private static readonly Guid VeryLate = Guid.Parse("00000000-0000-0000-0000-00000000c003");
    private static readonly Guid Billing = Guid.Parse("00000000-0000-0000-0000-00000000c004");
    private static readonly CategoryLink[] Tree =
    [
        new(Delivery, null), new(LateDelivery, Delivery), new(VeryLate, LateDelivery), new(Billing, null),
    ];

    private static SlaPolicy P(string name, int position, SlaConditions? conditions = null, bool isDefault = false) => new()
    {
        Id = Guid.CreateVersion7(), Name = name, Position = isDefault ? int.MaxValue : position, IsDefault = isDefault,
        Conditions = conditions ?? new SlaConditions(),
    };

    private static SlaSubject Subject(ComplaintSeverity severity = ComplaintSeverity.General, ComplaintChannel channel = ComplaintChannel.Web,
        Guid? category = null, string[]? tags = null, string? tier = null) =>
        new(severity, channel, CategoryTree.SelfAndAncestors(Tree, category), tags ?? [], tier);

    private static readonly SlaPolicy Default = P("Default", 0, isDefault: true);

    [Fact]
    public void The_first_matching_policy_in_position_order_wins_and_the_default_catches_the_rest()
    {
        var critical = P("Critical", 2, new SlaConditions { Severities = ["critical"] });
        var criticalPhone = P("Critical by phone", 1, new SlaConditions { Severities = ["critical"], Channels = ["phone"] });
        var policies = new[] { Default, critical, criticalPhone }; // stored order does not matter

        Assert.Same(criticalPhone, SlaPolicyMatcher.FirstMatch(policies, Subject(ComplaintSeverity.Critical, ComplaintChannel.Phone)));
        Assert.Same(critical, SlaPolicyMatcher.FirstMatch(policies, Subject(ComplaintSeverity.Critical, ComplaintChannel.InPerson)));
        Assert.Same(Default, SlaPolicyMatcher.FirstMatch(policies, Subject(ComplaintSeverity.Serious, ComplaintChannel.Phone)));
        Assert.Equal(["Critical by phone", "Critical", "Default"], SlaPolicyMatcher.InMatchingOrder(policies).Select(p => p.Name));
    }

    [Fact]
    public void The_default_is_tried_last_whatever_its_position()
    {
        var odd = P("Default at 0", 0, isDefault: true);
        odd.Position = 0;
        var any = P("Everything", 5);
        Assert.Same(any, SlaPolicyMatcher.FirstMatch([odd, any], Subject()));
    }

    [Fact]
    public void A_category_condition_matches_the_category_and_everything_below_it_but_not_above_or_beside()
    {
        var delivery = P("Delivery", 1, new SlaConditions { CategoryIds = [Delivery] });
        var late = P("Late", 0, new SlaConditions { CategoryIds = [LateDelivery] });
        SlaPolicy[] policies = [Default, delivery];

        Assert.Same(delivery, SlaPolicyMatcher.FirstMatch(policies, Subject(category: Delivery)));
        Assert.Same(delivery, SlaPolicyMatcher.FirstMatch(policies, Subject(category: VeryLate)));
        Assert.Same(Default, SlaPolicyMatcher.FirstMatch(policies, Subject(category: Billing)));
        Assert.Same(Default, SlaPolicyMatcher.FirstMatch(policies, Subject()));
        Assert.Same(Default, SlaPolicyMatcher.FirstMatch([Default, late], Subject(category: Delivery)));
        Assert.Same(late, SlaPolicyMatcher.FirstMatch([Default, late, delivery], Subject(category: VeryLate)));
    }

    [Fact]
    public void Tags_match_on_any_overlap_and_tiers_need_the_complaint_to_have_one_listed()
    {
        var tagged = P("Press", 1, new SlaConditions { Tags = ["press", "legal"] });
        var vip = P("VIP", 2, new SlaConditions { CustomerTiers = ["vip", "gold"] });
        SlaPolicy[] policies = [Default, tagged, vip];

        Assert.Same(tagged, SlaPolicyMatcher.FirstMatch(policies, Subject(tags: ["kettle", "legal"])));
        Assert.Same(Default, SlaPolicyMatcher.FirstMatch(policies, Subject(tags: ["kettle"])));
        Assert.Same(vip, SlaPolicyMatcher.FirstMatch(policies, Subject(tier: "gold")));
        Assert.Same(Default, SlaPolicyMatcher.FirstMatch(policies, Subject(tier: "standard")));
        Assert.Same(Default, SlaPolicyMatcher.FirstMatch(policies, Subject(tier: null)));
    }

    [Fact]
    public void Every_non_empty_condition_must_hold()
    {
        var narrow = P("Narrow", 1, new SlaConditions { Severities = ["serious"], Channels = ["email"], CustomerTiers = ["vip"], Tags = ["x"] });
        SlaPolicy[] policies = [Default, narrow];
        Assert.Same(narrow, SlaPolicyMatcher.FirstMatch(policies,
            Subject(ComplaintSeverity.Serious, ComplaintChannel.Email, tags: ["x"], tier: "vip")));
        Assert.Same(Default, SlaPolicyMatcher.FirstMatch(policies,
            Subject(ComplaintSeverity.Serious, ComplaintChannel.InPerson, tags: ["x"], tier: "vip")));
        Assert.Same(Default, SlaPolicyMatcher.FirstMatch(policies,
            Subject(ComplaintSeverity.Serious, ComplaintChannel.Email, tags: ["y"], tier: "vip")));
    }

    [Fact]
    public void Snake_case_wire_spellings_match_multi_word_enum_values()
    {
        var inPerson = P("In person", 1, new SlaConditions { Channels = ["in_person"] });
        Assert.Same(inPerson, SlaPolicyMatcher.FirstMatch([Default, inPerson], Subject(channel: ComplaintChannel.InPerson)));
    }

    [Fact]
    public void Every_matching_regulatory_profile_applies()
    {
        RegulatoryProfileAttachment Attach(string profile, SlaConditions conditions) => new() { Profile = profile, Conditions = conditions };
        var all = Attach(RegulatoryProfiles.CnBankingInsurance, new SlaConditions());
        var delivery = Attach(RegulatoryProfiles.UkFcaDisp, new SlaConditions { CategoryIds = [Delivery] });
        var billing = Attach(RegulatoryProfiles.UsCfpb, new SlaConditions { CategoryIds = [Billing] });

        var matched = SlaPolicyMatcher.MatchingProfiles([all, delivery, billing], Subject(category: VeryLate));
        Assert.Equal([RegulatoryProfiles.CnBankingInsurance, RegulatoryProfiles.UkFcaDisp], matched.Select(m => m.Profile));
        Assert.Empty(SlaPolicyMatcher.MatchingProfiles([delivery, billing], Subject()));
    }

    [Fact]
    public void Ancestors_of_no_category_are_empty_and_a_cycle_does_not_loop()
    {
        Assert.Empty(CategoryTree.SelfAndAncestors(Tree, null));
        Assert.Empty(CategoryTree.SelfAndAncestors(Tree, Guid.NewGuid()));
        Assert.Equal(new HashSet<Guid> { VeryLate, LateDelivery, Delivery }, CategoryTree.SelfAndAncestors(Tree, VeryLate));
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        Assert.Equal(2, CategoryTree.SelfAndAncestors([new(a, b), new(b, a)], a).Count);
    }

    [Fact]
    public void Every_known_profile_has_deadlines_and_unit_maxima_are_five_years()
    {
        Assert.Equal(["uk_fca_disp", "us_cfpb", "au_asic_rg271", "cn_banking_insurance"], RegulatoryProfiles.Names);
        Assert.All(RegulatoryProfiles.All, p => Assert.NotEmpty(p.Deadlines));
        Assert.Equal(1830, SlaUnits.MaxAmount(SlaUnits.CalendarDays));
        Assert.Equal(1830 * 1440, SlaUnits.MaxAmount(SlaUnits.BusinessMinutes));
    }
}
