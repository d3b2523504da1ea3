using FluentValidation;
using Mediator;

namespace ComplaintCloud.Api.Infrastructure.Pipeline;

/// <summary>Runs every FluentValidation validator of the message; failures become a 400 with field errors.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        // Most queries have no validator: go straight on without a failure list or an enumerator.
        if (validators is ICollection<IValidator<TMessage>> { Count: 0 }) return await next(message, ct);
        List<FluentValidation.Results.ValidationFailure>? failures = null;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, ct);
            if (!result.IsValid) (failures ??= []).AddRange(result.Errors);
        }
        if (failures is not null) throw new ValidationException(failures);
        return await next(message, ct);
    }
}
