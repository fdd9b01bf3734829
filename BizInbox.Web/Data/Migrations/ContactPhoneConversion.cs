namespace BizInbox.Web.Data.Migrations;

/// <summary>
/// The ContactPhonesE164 migration's SQL, for contacts stored before numbers were parsed with libphonenumber (phones
/// as typed, WhatsApp contacts as "+" and the wa_id). SQL cannot run libphonenumber, so it converts what it can read
/// for certain: a number in international notation ("+49 (0)30 123456", "0049-30-12 34 56") becomes E.164, the trunk
/// zero some people write after +49, +43 and +41 goes, and Mexico's old mobile 1 and Brazil's missing ninth digit are
/// mapped as <see cref="Domain.Contacts.PhoneNumber.FromWhatsAppId"/> maps them (with the name of a contact named by its
/// number). A national number ("0170 1234567") needs a country no row records: it stays as typed and is shown so.
/// </summary>
internal static class ContactPhoneConversion
{
    /// <summary>SQLite and PostgreSQL share the dialect needed here.</summary>
    public static IEnumerable<string> Standard()
    {
        const string trimmed = """replace(replace(replace(replace(replace(replace(replace(trim("Phone"), '(0)', ''), ' ', ''), '-', ''), '/', ''), '(', ''), ')', ''), '.', '')""";
        yield return $"""UPDATE "Contacts" SET "Phone" = {trimmed} WHERE "Phone" LIKE '+%' OR trim("Phone") LIKE '00%';""";
        yield return """UPDATE "Contacts" SET "Phone" = '+' || substr("Phone", 3) WHERE "Phone" LIKE '00%';""";
        yield return """UPDATE "Contacts" SET "Phone" = substr("Phone", 1, 3) || substr("Phone", 5) WHERE "Phone" LIKE '+490%' OR "Phone" LIKE '+430%' OR "Phone" LIKE '+410%';""";
        yield return Renumber("""'+52' || substr("Phone", 5)""", "\"Phone\" LIKE '+521%' AND length(\"Phone\") = 14");
        yield return Renumber("""substr("Phone", 1, 5) || '9' || substr("Phone", 6)""",
            "\"Phone\" LIKE '+55%' AND length(\"Phone\") = 13 AND substr(\"Phone\", 6, 1) IN ('6', '7', '8', '9')");

        static string Renumber(string to, string where) =>
            $"""UPDATE "Contacts" SET "Name" = CASE WHEN "Name" = "Phone" THEN {to} ELSE "Name" END, "Phone" = {to} WHERE {where};""";
    }

    public static IEnumerable<string> SqlServer()
    {
        const string trimmed = "REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(TRIM([Phone]), '(0)', ''), ' ', ''), '-', ''), '/', ''), '(', ''), ')', ''), '.', '')";
        yield return $"UPDATE [Contacts] SET [Phone] = {trimmed} WHERE [Phone] LIKE '+%' OR TRIM([Phone]) LIKE '00%';";
        yield return "UPDATE [Contacts] SET [Phone] = '+' + SUBSTRING([Phone], 3, 100) WHERE [Phone] LIKE '00%';";
        yield return "UPDATE [Contacts] SET [Phone] = SUBSTRING([Phone], 1, 3) + SUBSTRING([Phone], 5, 100) WHERE [Phone] LIKE '+490%' OR [Phone] LIKE '+430%' OR [Phone] LIKE '+410%';";
        yield return Renumber("'+52' + SUBSTRING([Phone], 5, 100)", "[Phone] LIKE '+521%' AND LEN([Phone]) = 14");
        yield return Renumber("SUBSTRING([Phone], 1, 5) + '9' + SUBSTRING([Phone], 6, 100)",
            "[Phone] LIKE '+55%' AND LEN([Phone]) = 13 AND SUBSTRING([Phone], 6, 1) IN ('6', '7', '8', '9')");

        static string Renumber(string to, string where) =>
            $"UPDATE [Contacts] SET [Name] = CASE WHEN [Name] = [Phone] THEN {to} ELSE [Name] END, [Phone] = {to} WHERE {where};";
    }
}
