namespace BizInbox.Web.Features.Contacts.Import;

/// <summary>What a column of an uploaded file holds.</summary>
public enum ContactColumn
{
    Ignore,
    Name,
    FirstName,
    LastName,
    Phone,
    Email,
    Company,
    Language,
}

/// <summary>Guesses the column mapping from the header, in English and German.</summary>
public static class ContactColumns
{
    private static readonly Dictionary<string, ContactColumn> Known = new(StringComparer.Ordinal)
    {
        ["name"] = ContactColumn.Name, ["fullname"] = ContactColumn.Name, ["contact"] = ContactColumn.Name, ["kontakt"] = ContactColumn.Name,
        ["vollername"] = ContactColumn.Name, ["kundenname"] = ContactColumn.Name, ["customer"] = ContactColumn.Name, ["kunde"] = ContactColumn.Name,
        ["firstname"] = ContactColumn.FirstName, ["givenname"] = ContactColumn.FirstName, ["vorname"] = ContactColumn.FirstName,
        ["lastname"] = ContactColumn.LastName, ["surname"] = ContactColumn.LastName, ["familyname"] = ContactColumn.LastName,
        ["nachname"] = ContactColumn.LastName, ["familienname"] = ContactColumn.LastName,
        ["phone"] = ContactColumn.Phone, ["phonenumber"] = ContactColumn.Phone, ["telephone"] = ContactColumn.Phone, ["tel"] = ContactColumn.Phone,
        ["mobile"] = ContactColumn.Phone, ["mobilephone"] = ContactColumn.Phone, ["cell"] = ContactColumn.Phone, ["whatsapp"] = ContactColumn.Phone,
        ["telefon"] = ContactColumn.Phone, ["telefonnummer"] = ContactColumn.Phone, ["mobil"] = ContactColumn.Phone, ["mobilnummer"] = ContactColumn.Phone,
        ["handy"] = ContactColumn.Phone, ["handynummer"] = ContactColumn.Phone, ["rufnummer"] = ContactColumn.Phone,
        ["email"] = ContactColumn.Email, ["mail"] = ContactColumn.Email, ["emailaddress"] = ContactColumn.Email, ["emailadresse"] = ContactColumn.Email,
        ["company"] = ContactColumn.Company, ["organization"] = ContactColumn.Company, ["organisation"] = ContactColumn.Company,
        ["firma"] = ContactColumn.Company, ["unternehmen"] = ContactColumn.Company,
        ["language"] = ContactColumn.Language, ["sprache"] = ContactColumn.Language, ["locale"] = ContactColumn.Language,
    };

    /// <summary>One field per header; a field claimed by an earlier column is not guessed again.</summary>
    public static ContactColumn[] Guess(IReadOnlyList<string> headers)
    {
        var mapping = new ContactColumn[headers.Count];
        for (var i = 0; i < headers.Count; i++)
        {
            var key = new string([.. headers[i].ToLowerInvariant().Where(char.IsLetter)]);
            if (Known.TryGetValue(key, out var column) && !mapping.Contains(column))
            {
                mapping[i] = column;
            }
        }

        return mapping;
    }
}
