using System.Text;
using BizInbox.Domain;
using CsvHelper;

namespace BizInbox.Web.Features.Contacts.Import;

/// <summary>One data row of an uploaded file; <see cref="Number"/> is the row as a spreadsheet numbers it (the header is row 1).</summary>
public sealed record CsvRow(int Number, string[] Fields)
{
    public string Field(int index) => index < Fields.Length ? Fields[index] : string.Empty;
}

/// <summary>An uploaded file read into memory: its header, its rows, and how it was written.</summary>
public sealed record CsvTable(IReadOnlyList<string> Headers, IReadOnlyList<CsvRow> Rows, char Separator, string EncodingName);

/// <summary>
/// Reads a contact list as spreadsheets write it: UTF-8 with or without a byte order mark, or Windows-1252 (what Excel
/// saves as "CSV" on a German Windows), separated by commas or semicolons.
/// </summary>
public static class ContactCsvFile
{
    /// <summary>Largest file accepted: about 150,000 contacts with every column filled.</summary>
    public const long MaxBytes = 20 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static ContactCsvFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <exception cref="DomainException">The file is too large, empty or not a CSV file.</exception>
    public static CsvTable Read(byte[] bytes)
    {
        if (bytes.LongLength > MaxBytes)
        {
            throw TooLarge();
        }

        var (text, encoding) = Decode(bytes);
        var separator = DetectSeparator(text);
        var options = CsvReaderOptions.Default with { Separator = separator, TrimWhitespace = true, DetectSeparatorHint = false };
        var rows = new List<CsvRow>();
        string[] headers;
        try
        {
            using var reader = CsvReader.FromText(text, options);
            headers = [.. reader.Headers.Select(h => h.Trim())];
            while (reader.Read())
            {
                var fields = new string[reader.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = reader.GetString(i).Trim();
                }

                // Excel writes ";;;" for a row it has emptied: not a contact, and not worth an error.
                if (fields.Any(f => f.Length > 0))
                {
                    rows.Add(new CsvRow((int)reader.RowNumber + 1, fields));
                }
            }
        }
        catch (CsvFormatException)
        {
            throw new DomainException("contact_import.not_csv", "This file cannot be read as CSV.");
        }

        if (headers.Length == 0 || headers.All(h => h.Length == 0) || rows.Count == 0)
        {
            throw new DomainException("contact_import.empty", "The file has no contacts: it needs a header row and at least one row below it.");
        }

        return new CsvTable(headers, rows, separator, encoding);
    }

    public static DomainException TooLarge() =>
        new("contact_import.too_large", $"The file is larger than {MaxBytes / 1024 / 1024} MB. Split it into several files.");

    /// <summary>UTF-8 when the bytes are valid UTF-8 (a byte order mark is dropped), else Windows-1252.</summary>
    internal static (string Text, string Encoding) Decode(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        try
        {
            return (StrictUtf8.GetString(span), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            return (Encoding.GetEncoding(1252).GetString(span), "Windows-1252");
        }
    }

    /// <summary>Semicolon when the header has more semicolons than commas (German Excel), else comma.</summary>
    internal static char DetectSeparator(string text)
    {
        int commas = 0, semicolons = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\r' or '\n')
            {
                break;
            }
            else if (!quoted && c == ',')
            {
                commas++;
            }
            else if (!quoted && c == ';')
            {
                semicolons++;
            }
        }

        return semicolons > commas ? ';' : ',';
    }
}
