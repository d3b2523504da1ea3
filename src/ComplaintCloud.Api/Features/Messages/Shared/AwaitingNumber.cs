using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.Shared;

namespace ComplaintCloud.Api.Features.Messages.Shared;

/// <summary>
/// A receipt rendered before its complaint has a number: <see cref="Row"/> carries <see cref="StandIn"/> wherever the
/// number goes, for the statement that takes the number to replace; no row when the template does more with the number
/// than print it.
/// </summary>
public sealed record AwaitingNumber(OutboxMessage? Row, string StandIn);

/// <summary>
/// Stand-ins for a number not yet taken: as long as a number of that year, lower-case letters only, the two of a pair
/// different in every character (one from a-m, the other from n-z), fresh for every receipt so no text can hold one.
/// </summary>
public static class NumberStandIns
{
    public static (string First, string Second) Pair(int year)
    {
        var length = ComplaintNumbers.Format(year, 1).Length;
        var first = new char[length];
        var second = new char[length];
        for (var i = 0; i < length; i++)
        {
            first[i] = (char)('a' + Random.Shared.Next(13));
            second[i] = (char)('n' + Random.Shared.Next(13));
        }
        return (new string(first), new string(second));
    }
}
