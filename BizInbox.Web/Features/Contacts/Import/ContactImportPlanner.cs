using BizInbox.Domain;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Team;

namespace BizInbox.Web.Features.Contacts.Import;

/// <summary>
/// Checks every row of a file against the contact rules and the existing contacts, before anything is written: a row
/// whose phone number (read in the business's country) or email belongs to a contact updates it.
/// </summary>
internal sealed class ContactImportPlanner(IReadOnlyDictionary<string, ExistingContact> byPhone, IReadOnlyDictionary<string, ExistingContact> byEmail)
{
    /// <summary>The business has no country yet: national numbers are read as German, as the search does.</summary>
    public const string Region = "DE";

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public ContactImportPlan Plan(CsvTable table, IReadOnlyList<ContactColumn> mapping)
    {
        var rows = new List<ImportCandidate>(table.Rows.Count);
        var errors = new List<ImportError>();
        var errorCount = 0;
        var phones = new Dictionary<string, int>(StringComparer.Ordinal);
        var emails = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var updated = new Dictionary<Guid, int>();
        foreach (var row in table.Rows)
        {
            var found = new List<ImportProblem>();
            var candidate = Read(row, mapping, found);
            if (candidate.Updates is null && candidate.Name is null && !found.Contains(ImportProblem.MatchesTwoContacts))
            {
                found.Add(ImportProblem.NameMissing);
            }

            var other = Earlier(phones, candidate.Phone, row.Number) ?? Earlier(emails, candidate.Email, row.Number)
                ?? (candidate.Updates is { } existing ? Earlier(updated, existing.Id, row.Number) : null);
            if (other is not null)
            {
                found.Add(ImportProblem.SameAsRow);
            }

            foreach (var problem in found)
            {
                if (++errorCount <= ContactImportPlan.MaxErrorsShown)
                {
                    errors.Add(new ImportError(row.Number, problem, problem == ImportProblem.SameAsRow ? other : null));
                }
            }

            rows.Add(candidate);
        }

        return new ContactImportPlan(rows, errors, errorCount);
    }

    /// <summary>The row that already had <paramref name="key"/>, or null (and the key is now this row's).</summary>
    private static int? Earlier<TKey>(Dictionary<TKey, int> seen, TKey? key, int row) where TKey : notnull =>
        key is null || seen.TryAdd(key, row) ? null : seen[key];

    private ImportCandidate Read(CsvRow row, IReadOnlyList<ContactColumn> mapping, List<ImportProblem> problems)
    {
        var name = Value(row, mapping, ContactColumn.Name)
            ?? Join(Value(row, mapping, ContactColumn.FirstName), Value(row, mapping, ContactColumn.LastName));
        if (name is { Length: > Contact.MaxNameLength })
        {
            problems.Add(ImportProblem.NameTooLong);
        }

        string? phone = null;
        if (Value(row, mapping, ContactColumn.Phone) is { } phoneText)
        {
            phone = PhoneNumber.TryParse(phoneText, Region, out var number, out _) ? number.E164 : null;
            if (phone is null)
            {
                problems.Add(ImportProblem.PhoneInvalid);
            }
        }

        var email = Value(row, mapping, ContactColumn.Email);
        if (email is not null && !EmailAddress.IsPlausible(email))
        {
            problems.Add(ImportProblem.EmailInvalid);
            email = null;
        }

        var company = Value(row, mapping, ContactColumn.Company);
        if (company is { Length: > Contact.MaxCompanyLength })
        {
            problems.Add(ImportProblem.CompanyTooLong);
        }

        var language = Language(Value(row, mapping, ContactColumn.Language), problems);
        var byNumber = phone is null ? null : byPhone.GetValueOrDefault(phone);
        var byAddress = email is null ? null : byEmail.GetValueOrDefault(email);
        if (byNumber is not null && byAddress is not null && byNumber.Id != byAddress.Id)
        {
            problems.Add(ImportProblem.MatchesTwoContacts);
        }

        return new ImportCandidate(row.Number, name, email, phone, company, language, byNumber ?? byAddress);
    }

    private static string? Language(string? text, List<ImportProblem> problems)
    {
        try
        {
            return Contact.LanguageTag(text);
        }
        catch (DomainException)
        {
            problems.Add(ImportProblem.LanguageUnknown);
            return null;
        }
    }

    /// <summary>
    /// The first column mapped to <paramref name="column"/>, or null when it is empty. The apostrophe that an export puts
    /// in front of "+49…" or "=…" is taken off again, so that an exported file imports as it was.
    /// </summary>
    private static string? Value(CsvRow row, IReadOnlyList<ContactColumn> mapping, ContactColumn column)
    {
        var index = IndexOf(mapping, column);
        if (index < 0 || row.Field(index) is not { Length: > 0 } value)
        {
            return null;
        }

        return value.Length > 1 && value[0] == '\'' && FormulaStarts.Contains(value[1]) ? value[1..] : value;
    }

    private static int IndexOf(IReadOnlyList<ContactColumn> mapping, ContactColumn column)
    {
        for (var i = 0; i < mapping.Count; i++)
        {
            if (mapping[i] == column)
            {
                return i;
            }
        }

        return -1;
    }

    private static string? Join(string? first, string? last) => (first, last) switch
    {
        (null, null) => null,
        (_, null) => first,
        (null, _) => last,
        _ => $"{first} {last}",
    };
}
