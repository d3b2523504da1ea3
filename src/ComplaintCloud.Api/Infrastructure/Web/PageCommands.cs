using ComplaintCloud.Api.Infrastructure.Errors;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ComplaintCloud.Api.Infrastructure.Web;

/// <summary>
/// Sends a command from an admin screen and turns the API's failures (validation, conflicts, not
/// found) into form errors, so screens and API share one set of rules and messages.
/// </summary>
public static class PageCommands
{
    public static async Task<(bool Ok, TResponse? Result)> TrySendAsync<TResponse>(this ISender sender, ICommand<TResponse> command,
        ModelStateDictionary modelState, string fieldPrefix, CancellationToken ct)
    {
        try
        {
            return (true, await sender.Send(command, ct));
        }
        catch (ValidationException e)
        {
            foreach (var error in e.Errors)
                modelState.AddModelError(string.IsNullOrEmpty(error.PropertyName) ? "" : $"{fieldPrefix}.{error.PropertyName}", error.ErrorMessage);
            return (false, default);
        }
        catch (Domain.InvalidValueException e)
        {
            modelState.AddModelError($"{fieldPrefix}.{char.ToUpperInvariant(e.Field[0])}{e.Field[1..]}", e.Message);
            return (false, default);
        }
        catch (Exception e) when (e is AppException { Status: < 500 } or Domain.DomainRuleException)
        {
            modelState.AddModelError(string.Empty, e.Message);
            return (false, default);
        }
    }
}
