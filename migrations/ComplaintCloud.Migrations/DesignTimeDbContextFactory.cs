using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ComplaintCloud.Migrations;

/// <summary>
/// Builds the context for `dotnet ef` and for the migrator, connected as the owner role
/// (ConnectionStrings__Migrations). Adding a migration needs no database.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        Create(Environment.GetEnvironmentVariable("ConnectionStrings__Migrations") ?? "Host=localhost;Database=complaintcloud");

    public static AppDbContext Create(string ownerConnectionString) => new(
        new DbContextOptionsBuilder<AppDbContext>()
            .UseNpgsql(ownerConnectionString, o => o.MigrationsAssembly(typeof(DesignTimeDbContextFactory).Assembly.GetName().Name))
            .UseSnakeCaseNamingConvention()
            .Options);
}
