namespace ComplaintCloud.Api.Infrastructure.Tenancy;

/// <summary>
/// Marks a page anyone may open without signing in (the public complaint form, the status page). Such a page
/// finds its workspace itself, from the slug or a signed token in its URL; a visitor signed in to the admin is
/// anonymous there (see MembershipCookieValidator), so the cookie's workspace neither chooses the page's tenant nor
/// conflicts with it. Its responses carry no referrer.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PublicPageAttribute : Attribute;
