namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>
/// What kind of value an action's field holds. The kind decides how the value is read (from JSON or a form), how it is
/// checked (text length, a currency code, a usable department, an assignable member) and which input the admin shows.
/// </summary>
public enum ActionFieldKind
{
    /// <summary>One line of text.</summary>
    ShortText,
    /// <summary>Paragraphs of text.</summary>
    LongText,
    YesNo,
    /// <summary>One value of an enum (<see cref="ActionField.ValueType"/>), snake_case on the wire.</summary>
    Choice,
    /// <summary>A department's id: it must exist and not be archived.</summary>
    Department,
    /// <summary>A member's user id: someone the complaint may be assigned to.</summary>
    Member,
    /// <summary>Money: at least 0, below 10^12.</summary>
    Amount,
    /// <summary>An ISO 4217 code (three letters), stored upper-case.</summary>
    Currency,
}

/// <summary>
/// One field an action takes: its wire name (camelCase, the same in every action that takes it), its kind and whether
/// it is required. <see cref="Label"/> and <see cref="Hint"/> are English text and the localizer's keys.
/// </summary>
public abstract record ActionField(string Name, ActionFieldKind Kind, string Label)
{
    public bool Required { get; init; }
    /// <summary>For text: the most characters accepted.</summary>
    public int? MaxLength { get; init; }
    /// <summary>Said when a required field is missing; by default "'name' is required."</summary>
    public string? RequiredMessage { get; init; }
    /// <summary>Placeholder text of a one-line input (the label when absent); for yes/no, the label of "no".</summary>
    public string? Hint { get; init; }
    /// <summary>The complaint's value the admin's form starts with (the current severity, department…); null: empty.</summary>
    public Func<Complaint, object?>? Current { get; init; }
    /// <summary>False for a field kept only for the API (an older spelling); the admin's form leaves it out.</summary>
    public bool InForms { get; init; } = true;
    /// <summary>For a member: the department field of the same action whose department the member must belong to.</summary>
    public ActionField? WithinDepartmentOf { get; init; }

    /// <summary>The CLR type of a value: string, bool, decimal, Guid or the enum.</summary>
    public abstract Type ValueType { get; }

    public static ActionField<string?> ShortText(string name, string label, int maxLength) =>
        new(name, ActionFieldKind.ShortText, label) { MaxLength = maxLength };

    public static ActionField<string?> LongText(string name, string label, int maxLength) =>
        new(name, ActionFieldKind.LongText, label) { MaxLength = maxLength };

    /// <param name="yes">The label of "yes" (the field's label).</param>
    /// <param name="no">The label of "no".</param>
    public static ActionField<bool?> YesNo(string name, string yes, string no) => new(name, ActionFieldKind.YesNo, yes) { Hint = no };

    public static ActionField<TEnum?> Choice<TEnum>(string name, string label) where TEnum : struct, Enum =>
        new(name, ActionFieldKind.Choice, label);

    public static ActionField<Guid?> Department(string name, string label) => new(name, ActionFieldKind.Department, label);

    public static ActionField<Guid?> Member(string name, string label, ActionField<Guid?>? withinDepartmentOf = null) =>
        new(name, ActionFieldKind.Member, label) { WithinDepartmentOf = withinDepartmentOf };

    public static ActionField<decimal?> Amount(string name, string label) => new(name, ActionFieldKind.Amount, label);

    public static ActionField<string?> Currency(string name, string label) =>
        new(name, ActionFieldKind.Currency, label) { MaxLength = ComplaintLimits.Currency };
}

/// <summary>A field whose value reads as <typeparamref name="T"/> (a nullable type: absent is null).</summary>
public sealed record ActionField<T>(string Name, ActionFieldKind Kind, string Label) : ActionField(Name, Kind, Label)
{
    public override Type ValueType { get; } = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
}

/// <summary>What is wrong with a field of an action's input (the API's 400 names the field).</summary>
public sealed record ActionFieldError(string Field, string Message);
