namespace ComplaintCloud.Api.Infrastructure.Idempotency;

/// <summary>
/// Places in a write where a test may have the process killed on the spot, as a crash or SIGKILL would, to prove that
/// a crash there loses nothing and duplicates nothing. Armed only in the Testing environment, by Testing:CrashAt.
/// </summary>
public sealed class CrashPoints(IConfiguration configuration, IHostEnvironment environment)
{
    public const string BeforeCommit = "idempotency:before-commit";
    public const string AfterCommit = "idempotency:after-commit";

    private readonly string? armed = environment.IsEnvironment("Testing") ? configuration["Testing:CrashAt"] : null;

    public void Reach(string point)
    {
        if (armed == point) System.Diagnostics.Process.GetCurrentProcess().Kill(); // no finally blocks, no rollback: a crash
    }
}
