namespace ComplaintCloud.Api.Infrastructure.Search;

/// <summary>
/// A complaint a search found. Tier: 0 found by number, email, phone or external reference; 1 its subject or customer name is
/// the search text itself; 2 found by words. Rank: how well its own fields match the words (0 when only a message did).
/// ReceivedAt: the complaint's, the last key of the relevance order.
/// </summary>
public sealed class ComplaintSearchHit
{
    public Guid ComplaintId { get; set; }
    public int Tier { get; set; }
    public float Rank { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
