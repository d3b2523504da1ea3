using ComplaintCloud.Api.Infrastructure.Errors;

namespace ComplaintCloud.Api.Infrastructure.Http;

/// <summary>
/// Refuses a NUL character (U+0000) in the text a request carries outside a JSON body: the query string, header values
/// (RFC 9110 forbids NUL there; Idempotency-Key is stored) and form fields (names, values and file names; not file
/// contents). PostgreSQL cannot store NUL, so it would otherwise end in a 500. JSON bodies are checked while they are read
/// (<see cref="NulRefusingStringConverter"/>); the path, and so every route value, never holds one: the server's URL
/// decoder refuses a request whose path decodes to NUL, as the urlencoded form reader refuses such a form. It runs after
/// authorization, so a stranger is refused as a stranger first, and before the idempotency record or anything else is written.
/// </summary>
public sealed class NulCharacterGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        var field = InQueryOrHeaders(request) ?? (request.HasFormContentType ? await InFormAsync(request, http.RequestAborted) : null);
        if (field is not null) throw new NulCharacterException(field);
        await next(http);
    }

    private static string? InQueryOrHeaders(HttpRequest request)
    {
        if (request.QueryString.HasValue)
            foreach (var (name, values) in request.Query)
                if (HasNul(name) || HasNul(values)) return WithoutNul(name);
        foreach (var (name, values) in request.Headers)
            if (HasNul(values)) return name;
        return null;
    }

    // The form is read once and cached on the request: the endpoint, antiforgery and idempotency reuse it. Files stay
    // where the form reader put them; only their names are looked at. A form the reader refuses (one that is not
    // well-formed, past its limits, or urlencoded with a NUL) is a 400, whoever would have read it first.
    private static async Task<string?> InFormAsync(HttpRequest request, CancellationToken ct)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException e)
        {
            throw new BadRequestException($"The form could not be read: {e.Message}");
        }
        foreach (var (name, values) in form)
            if (HasNul(name) || HasNul(values)) return WithoutNul(name);
        foreach (var file in form.Files)
            if (HasNul(file.Name) || HasNul(file.FileName)) return WithoutNul(file.Name);
        return null;
    }

    private static bool HasNul(string? text) => text is not null && text.Contains('\0');

    private static bool HasNul(Microsoft.Extensions.Primitives.StringValues values)
    {
        foreach (var value in values)
            if (HasNul(value)) return true;
        return false;
    }

    private static string WithoutNul(string name) => name.Replace("\0", "", StringComparison.Ordinal);
}
