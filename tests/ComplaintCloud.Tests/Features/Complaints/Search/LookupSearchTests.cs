namespace ComplaintCloud.Tests.Features.Complaints.Search;

/// <summary>
/// Issue 15, point 2: one search box finds a complaint by what an agent has in hand — its number (with or without C-),
/// the customer's email in any letter case, the phone as digits in any formatting (the full number or its last eight or
/// more digits), the integrator's externalRef exactly. The lookup complaint is the corpus's "lookup"; "neighbour-phone" is
/// one digit off its phone; "mentions-number" is newer and names its number in the text.
/// </summary>
[Collection(SearchCorpusCollection.Name)]
public sealed class LookupSearchTests(SearchCorpus corpus)
{
    private SearchWorkspace A => corpus.A;

    [Fact]
    public async Task The_number_finds_its_complaint_first_with_or_without_C_even_when_a_newer_one_names_it()
    {
        var number = A.Number("lookup");
        Assert.Matches(@"^C-\d{4}-\d{6}$", number);

        foreach (var q in new[] { number, number["C-".Length..] })
        {
            var hits = A.KeysOf(await SearchApi.SearchAsync(A.Client, q));
            Assert.True(hits.Length > 0 && hits[0] == "lookup", $"q={q}: {string.Join(", ", hits)}");
            Assert.Single(hits, k => k == "lookup");
            Assert.DoesNotContain(hits, k => k.StartsWith("foreign:", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Another_complaints_number_finds_that_complaint_not_the_lookup()
    {
        var number = A.Number("card");
        var hits = A.KeysOf(await SearchApi.SearchAsync(A.Client, number));
        Assert.Equal("card", Assert.Single(hits));
        Assert.Equal(["card"], A.KeysOf(await SearchApi.SearchAsync(A.Client, number["C-".Length..])));
    }

    [Theory]
    [InlineData("Chen.Jie@Example.test")]
    [InlineData("chen.jie@example.test")]
    [InlineData("CHEN.JIE@EXAMPLE.TEST")]
    public async Task The_customers_email_finds_the_complaint_in_any_letter_case(string q) =>
        Assert.Equal(["lookup"], A.KeysOf(await SearchApi.SearchAsync(A.Client, q)));

    [Fact]
    public async Task A_longer_email_is_another_customer() =>
        Assert.Equal(["neighbour-phone"], A.KeysOf(await SearchApi.SearchAsync(A.Client, "chen.jie2@example.test")));

    [Theory]
    [InlineData("13800138000")]        // digits only
    [InlineData("138 0013 8000")]      // spaced
    [InlineData("138-0013-8000")]
    [InlineData("+86 138-0013-8000")]  // as stored
    [InlineData("+86 138 0013 8000")]
    [InlineData("8613800138000")]      // with the country code, no plus
    [InlineData("(138) 0013-8000")]
    [InlineData("00138000")]           // the last eight digits
    [InlineData("0013-8000")]          // the last eight, formatted
    [InlineData("800138000")]          // the last nine
    public async Task The_phone_is_compared_as_digits_in_any_formatting_whole_or_its_last_eight_or_more(string q)
    {
        var hits = A.KeysOf(await SearchApi.SearchAsync(A.Client, q));
        Assert.True(hits is ["lookup"], $"q={q}: [{string.Join(", ", hits)}]");
    }

    [Theory]
    [InlineData("0138000")]      // seven of its last digits: too few to say whose phone it is
    [InlineData("138000")]
    [InlineData("13800138999")]  // another number
    [InlineData("13900138000")]  // another full number, though its last eight digits are the lookup's
    public async Task Too_few_digits_or_another_number_do_not_find_the_phone(string q)
    {
        var hits = A.KeysOf(await SearchApi.SearchAsync(A.Client, q));
        Assert.DoesNotContain("lookup", hits);
        Assert.DoesNotContain("neighbour-phone", hits);
    }

    [Fact]
    public async Task A_number_one_digit_off_finds_its_own_customer_only()
    {
        Assert.Equal(["neighbour-phone"], A.KeysOf(await SearchApi.SearchAsync(A.Client, "13800138001")));
        Assert.Equal(["neighbour-phone"], A.KeysOf(await SearchApi.SearchAsync(A.Client, "+86 138 0013 8001")));
        Assert.Equal(["neighbour-phone"], A.KeysOf(await SearchApi.SearchAsync(A.Client, "00138001")));
    }

    [Fact]
    public async Task The_external_reference_finds_its_complaint_exactly()
    {
        Assert.Equal(["lookup"], A.KeysOf(await SearchApi.SearchAsync(A.Client, "CRM-7781-A")));
        // Not the reference of "lookup", which only starts like it.
        Assert.Equal(["neighbour-phone"], A.KeysOf(await SearchApi.SearchAsync(A.Client, "CRM-7781")));
    }
}
