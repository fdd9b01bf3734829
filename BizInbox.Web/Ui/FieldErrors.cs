using BizInbox.Domain;
using BizInbox.Web.Localization;
using Microsoft.Extensions.Localization;

namespace BizInbox.Web.Ui;

/// <summary>
/// A form's problems, each kept under the field it belongs to so it shows next to that field. The domain's
/// error codes say which field they concern; a code no field claims is the form's own problem (<see cref="Form"/>).
/// </summary>
public sealed class FieldErrors(IStringLocalizer<SharedResource> localizer, IReadOnlyDictionary<string, string> fieldByCode)
{
    private readonly Dictionary<string, string> _messages = [];

    /// <summary>The problem of <paramref name="field"/>, or null.</summary>
    public string? this[string field] => _messages.GetValueOrDefault(field);

    public string? Form => this[string.Empty];

    public bool Any => _messages.Count > 0;

    public bool Has(string field) => _messages.ContainsKey(field);

    public void Clear() => _messages.Clear();

    public void Add(string field, string message) => _messages[field] = message;

    /// <summary>Shows the domain's refusal next to its field, in the user's language.</summary>
    public void Add(DomainException ex) =>
        _messages[fieldByCode.GetValueOrDefault(ex.Code, string.Empty)] = localizer.Describe(ex);
}

public static class DomainErrors
{
    /// <summary>The key in <see cref="Exception.Data"/> under which a refusal carries the other side's own words.</summary>
    public const string DetailsKey = "Details";

    /// <summary>The refusal in the user's language, followed by what Meta answered when the refusal came from there.</summary>
    public static string Describe(this IStringLocalizer<SharedResource> localizer, DomainException ex) =>
        ex.Data[DetailsKey] is string details ? $"{localizer[$"Error.{ex.Code}"]} {details}" : localizer[$"Error.{ex.Code}"];
}
