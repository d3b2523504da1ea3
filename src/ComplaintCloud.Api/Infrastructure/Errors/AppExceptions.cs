namespace ComplaintCloud.Api.Infrastructure.Errors;

/// <summary>
/// A failure the caller can act on. The exception handler turns each into a ProblemDetails with
/// this status; domain rules and handlers throw these instead of building responses themselves.
/// </summary>
public abstract class AppException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();
}

public sealed class BadRequestException(string detail) : AppException(400, "Bad request", detail);

public sealed class ForbiddenException(string detail) : AppException(403, "Forbidden", detail);

/// <summary>Also thrown for another tenant's resource: it must look exactly like an absent one.</summary>
public sealed class NotFoundException(string resource) : AppException(404, "Not found", $"{resource} was not found.");

public sealed class ConflictException(string detail) : AppException(409, "Conflict", detail);

public sealed class PreconditionFailedException(string detail) : AppException(412, "Precondition failed", detail);

public sealed class PayloadTooLargeException(string detail) : AppException(413, "Payload too large", detail);

public sealed class UnsupportedMediaTypeException(string detail) : AppException(415, "Unsupported media type", detail);

public sealed class UnprocessableException(string detail) : AppException(422, "Unprocessable request", detail);

public sealed class TooManyRequestsException(int retryAfterSeconds)
    : AppException(429, "Too many requests", $"This workspace's request limit was reached; retry in {retryAfterSeconds} s.");

public sealed class ServiceBusyException()
    : AppException(503, "Service busy", $"Too many requests are waiting on this server; retry in {RetryAfterSeconds} s.")
{
    public const int RetryAfterSeconds = 1;
}
