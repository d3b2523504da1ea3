using ComplaintCloud.Tests.Support;

// One PostgreSQL database and one app host for the whole run (xunit v3 assembly fixtures).
[assembly: AssemblyFixture(typeof(PostgresFixture))]
[assembly: AssemblyFixture(typeof(AppFixture))]
