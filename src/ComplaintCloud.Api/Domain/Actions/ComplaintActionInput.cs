namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>
/// The values given for an action's fields, already of each field's type (read from the API's JSON body or the admin's
/// form by the fields' kinds). A field not given reads as null.
/// </summary>
public sealed class ComplaintActionInput
{
    private readonly Dictionary<string, object?> values = new(StringComparer.Ordinal);

    public static ComplaintActionInput None => new();

    public T Get<T>(ActionField<T> field) => values.TryGetValue(field.Name, out var value) && value is not null ? (T)value : default!;

    /// <summary>The value as an object (null when not given), for code that handles every kind alike.</summary>
    public object? Value(ActionField field) => values.GetValueOrDefault(field.Name);

    public ComplaintActionInput With<T>(ActionField<T> field, T value)
    {
        values[field.Name] = value;
        return this;
    }

    /// <summary>For readers that handle every kind alike; the value must be of the field's type.</summary>
    public ComplaintActionInput With(ActionField field, object? value)
    {
        if (value is not null && !field.ValueType.IsInstanceOfType(value))
            throw new ArgumentException($"'{field.Name}' takes {field.ValueType.Name}, not {value.GetType().Name}.", nameof(value));
        values[field.Name] = value;
        return this;
    }
}
