using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Search;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Infrastructure.Persistence;

public sealed partial class AppDbContext
{
    /// <summary>
    /// The complaints of the current workspace that a search finds (the complaint_search function of the CjkSearch
    /// migration): by its words in the complaint or its messages, or by number, email, phone or external reference.
    /// </summary>
    /// <remarks>
    /// A function running as the owner because PostgreSQL does not count the text match operator as leakproof: under
    /// row-level security it may not use an index, and matching every row of a large workspace one by one was too slow.
    /// The function reads the workspace from the same session setting the policies do (app_current_tenant()).
    /// </remarks>
    public IQueryable<ComplaintSearchHit> ComplaintSearch(SearchQuery q) =>
        ComplaintSearch(q.TsQuery, q.Number, q.Email, q.PhoneDigits, q.ExternalRef, q.Exact);

    public IQueryable<ComplaintSearchHit> ComplaintSearch(string? query, string? number, string? email, string? phone, string? externalRef, string exact) =>
        FromExpression(() => ComplaintSearch(query, number, email, phone, externalRef, exact));

    private static void MapSearch(ModelBuilder builder)
    {
        builder.HasPostgresExtension("btree_gin");
        builder.Entity<ComplaintSearchHit>().HasNoKey().ToTable((string?)null);
        builder.HasDbFunction(typeof(AppDbContext).GetMethod(nameof(ComplaintSearch),
                [typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string)])!)
            .HasName("complaint_search");
    }

    /// <summary>
    /// A complaint's or message's search tokens, computed when it is new or when a field they come from changed. Runs without
    /// the change scan (see BeforeSave): what changed is read against the original values EF keeps.
    /// </summary>
    private void StampSearchTokens()
    {
        foreach (var entry in ChangeTracker.Entries<Complaint>())
        {
            var c = entry.Entity;
            if (entry.State == EntityState.Added || c.SearchTokens is null
                || !Equals(entry.Property(x => x.Subject).OriginalValue, c.Subject)
                || !Equals(entry.Property(x => x.Description).OriginalValue, c.Description)
                || !Equals(entry.Property(x => x.CustomerName).OriginalValue, c.CustomerName)
                || !Equals(entry.Property(x => x.CustomerEmail).OriginalValue, c.CustomerEmail))
                StampSearchTokens(c);
        }
        foreach (var entry in ChangeTracker.Entries<ComplaintMessage>())
            if (entry.State == EntityState.Added || entry.Entity.SearchTokens is null) StampSearchTokens(entry.Entity);
    }

    /// <summary>Stamps a row about to be inserted: a complaint or a message gets its search tokens.</summary>
    private static void StampSearchTokens(object row)
    {
        if (row is Complaint complaint) complaint.SearchTokens = SearchDocument.For(complaint);
        else if (row is ComplaintMessage message) message.SearchTokens = SearchDocument.For(message);
    }
}
