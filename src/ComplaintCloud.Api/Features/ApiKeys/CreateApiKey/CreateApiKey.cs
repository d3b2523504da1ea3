using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;

namespace ComplaintCloud.Api.Features.ApiKeys.CreateApiKey;

public sealed record CreateApiKeyCommand(string Name, string[] Scopes, DateTimeOffset? ExpiresAt, Guid? CreatedByUserId = null)
    : ICommand<CreatedApiKey>;

/// <summary>The created key; <see cref="Token"/> is shown this once and cannot be recovered.</summary>
public sealed record CreatedApiKey(ApiKeyView Key, string Token);

public sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyValidator(TimeProvider clock)
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100);
        RuleFor(c => c.Scopes).NotEmpty().WithMessage("Give at least one scope.");
        RuleForEach(c => c.Scopes).Must(s => ApiKeyScopes.All.Contains(s))
            .WithMessage($"Unknown scope '{{PropertyValue}}'; use {string.Join(", ", ApiKeyScopes.All)}.");
        RuleFor(c => c.ExpiresAt).Must(at => at > clock.GetUtcNow()).When(c => c.ExpiresAt is not null)
            .WithMessage("The expiry must be in the future.");
    }
}

public sealed class CreateApiKeyHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<CreateApiKeyCommand, CreatedApiKey>
{
    public ValueTask<CreatedApiKey> Handle(CreateApiKeyCommand command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (key, token) = ApiKey.Issue(command.Name.Trim(), command.Scopes, command.ExpiresAt?.ToUniversalTime(), command.CreatedByUserId, now);
        db.ApiKeys.Add(key);
        return ValueTask.FromResult(new CreatedApiKey(ApiKeyView.From(key, now), token));
    }
}
