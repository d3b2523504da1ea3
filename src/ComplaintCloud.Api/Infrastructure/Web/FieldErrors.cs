using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ComplaintCloud.Api.Infrastructure.Web;

/// <summary>
/// The form errors to show next to one field: those of its key, and of its items for a list field ("Input.Conditions.Severities"
/// also shows "Input.conditions.severities[1]"), compared without case, as the API names fields in camelCase.
/// </summary>
public static partial class FieldErrors
{
    public static IReadOnlyList<string> ErrorsFor(this ModelStateDictionary modelState, string key) =>
        modelState.Where(e => e.Value.Errors.Count > 0 && IsFieldOrItem(e.Key, key))
            .SelectMany(e => e.Value.Errors.Select(error => error.ErrorMessage)).Distinct().ToList();

    private static bool IsFieldOrItem(string errorKey, string key) =>
        errorKey.StartsWith(key, StringComparison.OrdinalIgnoreCase) && (errorKey.Length == key.Length || ItemSuffix().IsMatch(errorKey[key.Length..]));

    [GeneratedRegex(@"^\[\d+\]$")]
    private static partial Regex ItemSuffix();
}
