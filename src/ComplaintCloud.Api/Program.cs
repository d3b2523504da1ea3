using ComplaintCloud.Api.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddComplaintCloud();

var app = builder.Build();
app.UseComplaintCloud();
app.Run();

/// <summary>Entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
