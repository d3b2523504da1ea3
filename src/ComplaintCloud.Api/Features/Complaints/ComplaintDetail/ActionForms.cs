using System.Globalization;
using ComplaintCloud.Api.Domain.Actions;
using ComplaintCloud.Api.Features.Complaints.PerformComplaintAction;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ComplaintCloud.Api.Features.Complaints.ComplaintDetail;

/// <summary>The admin's action forms, built from the descriptors: field names, layout, and reading a posted form.</summary>
public static class ActionForms
{
    /// <summary>The hidden field carrying the version the form shows, sent on as If-Match.</summary>
    public const string IfMatchField = "IfMatch";

    /// <summary>A field's name in the forms: Input.RootCause for rootCause.</summary>
    public static string FormName(ActionField field) => $"Input.{char.ToUpperInvariant(field.Name[0])}{field.Name[1..]}";

    /// <summary>The action's fields from a posted form, and what was typed (to show again if it comes back); a value that does not read is a form error.</summary>
    public static (ComplaintActionInput Input, IReadOnlyDictionary<string, string?> Typed) Read(ComplaintActionDescriptor action,
        IFormCollection form, ModelStateDictionary modelState)
    {
        var input = new ComplaintActionInput();
        var typed = new Dictionary<string, string?>();
        foreach (var field in action.Fields.Where(f => f.InForms))
        {
            typed[field.Name] = form[FormName(field)].ToString();
            var (value, error) = ActionFieldText.Read(field, typed[field.Name]);
            if (error is not null) modelState.AddModelError(FormName(field), error);
            else input.With(field, value);
        }
        return (input, typed);
    }

    /// <summary>
    /// The form's rows: an optional choice, an amount or a currency is narrow, and two narrow fields in a row share it
    /// (severity beside cause, amount beside currency); every other field has a row of its own.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<ActionField>> Rows(ComplaintActionDescriptor action)
    {
        static bool Narrow(ActionField f) =>
            f.Kind is ActionFieldKind.Amount or ActionFieldKind.Currency || f is { Kind: ActionFieldKind.Choice, Required: false };
        var rows = new List<IReadOnlyList<ActionField>>();
        foreach (var field in action.Fields.Where(f => f.InForms))
        {
            if (Narrow(field) && rows.Count > 0 && rows[^1] is [var single] && Narrow(single)) rows[^1] = [single, field];
            else rows.Add([field]);
        }
        return rows;
    }
}

/// <summary>One action's form (_ActionForm).</summary>
public sealed record ActionFormModel(ComplaintDetailModel Page, ComplaintActionDescriptor Action)
{
    public string Url => $"/admin/complaints/{Page.Complaint.Id}?perform={Action.Name}";
    public bool Failed => Page.FailedAction == Action;
}

/// <summary>One field of an action's form, for the partial of its kind (_Field{Kind}).</summary>
public sealed record ActionFieldModel(ComplaintDetailModel Page, ComplaintActionDescriptor Action, ActionField Field)
{
    public string Name => ActionForms.FormName(Field);
    public bool Failed => Page.FailedAction == Action;

    /// <summary>
    /// What the field shows: what was typed, when this form came back with errors; otherwise the complaint's current
    /// value in the form's spelling (enum names are the option values).
    /// </summary>
    public string? Value => Failed ? Page.FailedValues.GetValueOrDefault(Field.Name) : Field.Current?.Invoke(Page.Entity) switch
    {
        null => null,
        bool yes => yes ? "true" : "false",
        decimal amount => amount.ToString(CultureInfo.InvariantCulture),
        var value => value.ToString(),
    };

    /// <summary>The complaint's current value, as the domain holds it.</summary>
    public object? Current => Field.Current?.Invoke(Page.Entity);
}
