namespace BizInbox.Web.Features.Contacts.Import;

/// <summary>Why a row of an uploaded file cannot be imported.</summary>
public enum ImportProblem
{
    NameMissing,
    NameTooLong,
    PhoneInvalid,
    EmailInvalid,
    CompanyTooLong,
    LanguageUnknown,

    /// <summary>The row has the phone number or email of an earlier row, or matches the same contact (<see cref="ImportError.OtherRow"/>).</summary>
    SameAsRow,

    /// <summary>Its phone number belongs to one contact and its email to another.</summary>
    MatchesTwoContacts,
}

public sealed record ImportError(int Row, ImportProblem Problem, int? OtherRow = null);

/// <summary>A contact the file's phone number or email already belongs to.</summary>
public sealed record ExistingContact(Guid Id, string Name);

/// <summary>A row as it will be imported (phone in E.164, language as a culture name); <see cref="Updates"/> is null for a new contact.</summary>
public sealed record ImportCandidate(int Row, string? Name, string? Email, string? Phone, string? Company, string? Language, ExistingContact? Updates);

/// <summary>What an upload would do: every row checked; the first <see cref="MaxErrorsShown"/> errors and how many there are.</summary>
public sealed record ContactImportPlan(IReadOnlyList<ImportCandidate> Rows, IReadOnlyList<ImportError> Errors, int ErrorCount)
{
    public const int MaxErrorsShown = 100;
    public const int PreviewSize = 10;

    public bool IsValid => ErrorCount == 0;

    public IEnumerable<ImportCandidate> Preview => Rows.Take(PreviewSize);

    public int UpdateCount => Rows.Count(r => r.Updates is not null);

    public int NewCount => Rows.Count - UpdateCount;
}

/// <summary>How far an import has written (rows, of <see cref="Total"/>).</summary>
public sealed record ContactImportProgress(int Written, int Total);

/// <summary>The outcome of an import: nothing was written unless <see cref="ContactImportPlan.IsValid"/>.</summary>
public sealed record ContactImportResult(ContactImportPlan Plan, int Created, int Updated);
