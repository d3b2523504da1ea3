namespace ComplaintCloud.Api.Infrastructure.Pipeline;

/// <summary>
/// A command whose handler reads what it needs, then writes everything in a single round trip that PostgreSQL runs as
/// one implicit transaction and commits at its end (<see cref="Persistence.AppDbContext.InsertNewAsync(IReadOnlyList{object}, Persistence.AppDbContext.FramedInsert, CancellationToken)"/>).
/// <see cref="TransactionBehavior{TMessage, TResponse}"/> opens no transaction around it, so no lock it takes waits on
/// the app for a separate COMMIT: a create takes its workspace's number counter in that round trip (issue 12). Its
/// handler must leave nothing for SaveChanges. Inside someone else's transaction (an Idempotency-Key's) it joins that.
/// </summary>
public interface IWritesInOneRoundTrip;
