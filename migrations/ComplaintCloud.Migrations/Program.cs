using ComplaintCloud.Migrations;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// The migrator: `migrate` applies EF migrations as the owner role and then the database security
// (RLS + grants); `seed-demo` adds the demo tenants once. Both read ConnectionStrings__Migrations
// (owner) and ConnectionStrings__Default (the app role) from the environment.
var command = args.FirstOrDefault() ?? "migrate";
var owner = Environment.GetEnvironmentVariable("ConnectionStrings__Migrations");
var app = Environment.GetEnvironmentVariable("ConnectionStrings__Default");
if (string.IsNullOrEmpty(owner) || string.IsNullOrEmpty(app))
{
    Console.Error.WriteLine("Set ConnectionStrings__Migrations (owner role) and ConnectionStrings__Default (app role).");
    return 2;
}

switch (command)
{
    case "migrate":
        await Migrator.MigrateAsync(owner, app, CancellationToken.None);
        return 0;
    case "seed-demo":
        var credentialsFile = args.Length > 1 ? args[1] : null;
        await DemoSeeder.SeedAsync(app, credentialsFile, CancellationToken.None);
        return 0;
    default:
        Console.Error.WriteLine($"Unknown command '{command}'. Use: migrate | seed-demo [credentials-file]");
        return 2;
}

namespace ComplaintCloud.Migrations
{
    public static class Migrator
    {
        public static async Task MigrateAsync(string ownerConnectionString, string appConnectionString, CancellationToken ct)
        {
            await using var db = DesignTimeDbContextFactory.Create(ownerConnectionString);
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await db.Database.MigrateAsync(ct);
            await DatabaseSecurity.ApplyAsync(db, new NpgsqlConnectionStringBuilder(appConnectionString).Username!, ct);
            await SearchBackfill.RunAsync(ownerConnectionString, ct);
            Console.WriteLine(pending.Count == 0 ? "Database is up to date." : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
        }
    }
}
