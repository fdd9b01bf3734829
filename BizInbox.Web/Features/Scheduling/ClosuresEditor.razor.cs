using System.Globalization;
using BizInbox.Domain;
using BizInbox.Web.Ui;
using Microsoft.AspNetCore.Components;

namespace BizInbox.Web.Features.Scheduling;

public sealed partial class ClosuresEditor
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["hours.closure_ends_before_start"] = "LastDay", ["hours.closure_too_long"] = "LastDay",
        ["hours.closure_times"] = "Until", ["hours.closure_reason_too_long"] = "Reason",
    };

    private NewClosure _new = new();
    private FieldErrors _errors = default!;

    /// <summary>The form's closures; this editor adds to and removes from it.</summary>
    [Parameter, EditorRequired] public List<ClosureRow> Closures { get; set; } = default!;

    protected override void OnInitialized() => _errors = new FieldErrors(L, Fields);

    private void Add()
    {
        _errors.Clear();
        var first = ParseDate(_new.FirstDay, "FirstDay");
        var last = string.IsNullOrWhiteSpace(_new.LastDay) || _new.Partial ? first : ParseDate(_new.LastDay, "LastDay");
        var from = _new.Partial ? ParseTime(_new.From, "From") : null;
        var until = _new.Partial ? ParseTime(_new.Until, "Until") : null;
        if (_errors.Any || first is null || last is null)
        {
            return;
        }

        var row = new ClosureRow(first.Value, last.Value, from, until, _new.Reason.Trim());
        try
        {
            BusinessHoursService.CheckClosure(row);
            Closures.Add(row);
            Closures.Sort((a, b) => a.FirstDay.CompareTo(b.FirstDay));
            _new = new NewClosure();
        }
        catch (DomainException ex)
        {
            _errors.Add(ex);
        }
    }

    private DateOnly? ParseDate(string text, string field)
    {
        if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        _errors.Add(field, L["Enter a date."]);
        return null;
    }

    private TimeOnly? ParseTime(string text, string field)
    {
        var time = BusinessHoursDraft.ParseTime(text);
        if (time is null)
        {
            _errors.Add(field, L["Enter a time like 09:00."]);
        }

        return time;
    }

    private static string Describe(ClosureRow closure)
    {
        var culture = CultureInfo.CurrentCulture;
        var first = closure.FirstDay.ToString("d", culture);
        if (closure.From is { } from)
        {
            return $"{first}, {BusinessHoursDraft.Text(from)}–{BusinessHoursDraft.Text(closure.Until ?? TimeOnly.MinValue)}";
        }

        return closure.LastDay == closure.FirstDay ? first : $"{first} – {closure.LastDay.ToString("d", culture)}";
    }

    private sealed class NewClosure
    {
        public string FirstDay { get; set; } = string.Empty;

        public string LastDay { get; set; } = string.Empty;

        public bool Partial { get; set; }

        public string From { get; set; } = string.Empty;

        public string Until { get; set; } = string.Empty;

        public string Reason { get; set; } = string.Empty;
    }
}
