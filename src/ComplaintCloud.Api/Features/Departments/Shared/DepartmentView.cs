using System.Text.Json.Serialization;
using ComplaintCloud.Api.Domain;

namespace ComplaintCloud.Api.Features.Departments.Shared;

/// <summary>A department as listed: without its members, with how many it has.</summary>
public sealed record DepartmentSummary(Guid Id, string Name, string? Description, bool Archived, int MemberCount, DateTimeOffset CreatedAt);

/// <summary>One department with its members; <see cref="Version"/> travels as the ETag, not in the body.</summary>
public sealed record DepartmentView(Guid Id, string Name, string? Description, bool Archived, DateTimeOffset CreatedAt,
    IReadOnlyList<DepartmentMemberView> Members, [property: JsonIgnore] uint Version);

public sealed record DepartmentMemberView(Guid UserId, string DisplayName, string Email, TenantRole Role, DateTimeOffset AddedAt);
