using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace BizInbox.Tests.Architecture;

/// <summary>Keeps Resources/SharedResource(.de).resx complete: every UI string, error code and role has English and German text.</summary>
public partial class LocalizationTests
{
    private static readonly string RepoRoot = FindRepoRoot();
    private static readonly string WebProject = Path.Combine(RepoRoot, "BizInbox.Web");

    private static readonly Dictionary<string, string> English = LoadResx(Path.Combine(WebProject, "Resources", "SharedResource.resx"));
    private static readonly Dictionary<string, string> German = LoadResx(Path.Combine(WebProject, "Resources", "SharedResource.de.resx"));

    private static readonly string[] Roles = ["Owner", "Manager", "Agent"];

    /// <summary>Keys whose German text is rightly the same as the English one.</summary>
    private static readonly HashSet<string> SameInGerman =
    [
        "Team", "Labels", "Label", "Status", "Name", "Role.Manager", "Role.Agent", "Audio", "Button {0}", "Buttons", "Parameter {0}", "Sticker", "Text", "Video", "WhatsApp", "Segment", "Agent", "Median", "Online", "Offline",
    ];

    [Fact]
    public void EveryUiString_HasAGermanTranslation()
    {
        var keys = LiteralKeysUsedInWeb();
        keys.ShouldNotBeEmpty();

        ShouldContainAll(English, keys, "SharedResource.resx");
        ShouldContainAll(German, keys, "SharedResource.de.resx");
    }

    [Fact]
    public void EveryDomainErrorCode_HasAnErrorMessage()
    {
        var codes = DomainExceptionCodes();
        codes.ShouldContain("member.password_weak");

        var keys = codes.Select(c => $"Error.{c}").ToHashSet(StringComparer.Ordinal);
        ShouldContainAll(English, keys, "SharedResource.resx");
        ShouldContainAll(German, keys, "SharedResource.de.resx");
    }

    /// <summary>Keys built from enum values at run time (L[$"Status.{status}"]) that the literal scan cannot see.</summary>
    [Fact]
    public void EveryEnumValueShownInTheUi_HasText()
    {
        var keys = Enum.GetNames<BizInbox.Domain.Conversations.ConversationStatus>().Select(n => $"Status.{n}")
            .Concat(Enum.GetNames<BizInbox.Domain.Conversations.ConversationPriority>().Select(n => $"Priority.{n}"))
            .Concat(Enum.GetNames<BizInbox.Domain.Conversations.DeliveryStatus>().Select(n => $"Delivery.{n}"))
            .Concat(Enum.GetNames<BizInbox.Web.Features.Inbox.InboxTab>().Select(n => $"Tab.{n}"))
            .Concat(Enum.GetNames<BizInbox.Web.Features.Contacts.Import.ContactColumn>().Select(n => $"ContactColumn.{n}"))
            .Concat(Enum.GetNames<BizInbox.Domain.Contacts.AttributeType>().Select(n => $"AttributeType.{n}"))
            .Concat(Enum.GetNames<BizInbox.Web.Features.Contacts.AttributeOperator>().Select(n => $"Operator.{n}"))
            .Concat(Enum.GetNames<BizInbox.Domain.Audit.AuditAction>().Select(n => $"Audit.{n}"))
            .ToHashSet(StringComparer.Ordinal);

        ShouldContainAll(English, keys, "SharedResource.resx");
        ShouldContainAll(German, keys, "SharedResource.de.resx");
    }

    [Fact]
    public void EveryRole_HasADisplayName()
    {
        var keys = Roles.Select(r => $"Role.{r}").ToHashSet(StringComparer.Ordinal);
        ShouldContainAll(English, keys, "SharedResource.resx");
        ShouldContainAll(German, keys, "SharedResource.de.resx");
    }

    [Fact]
    public void EveryGermanString_KeepsThePlaceholders()
    {
        var broken = new List<string>();
        foreach (var (key, german) in German)
        {
            var expected = English.TryGetValue(key, out var english) ? english : key;
            if (!Placeholders(german).SetEquals(Placeholders(expected)))
            {
                broken.Add($"{key} => {german}");
            }

            // For text keys the key is the English fallback: it must take the same arguments as the stored English text.
            if (!IsDynamicKey(key) && !Placeholders(key).SetEquals(Placeholders(expected)))
            {
                broken.Add($"{key} (English) => {expected}");
            }
        }

        broken.ShouldBeEmpty($"Placeholders differ:{Environment.NewLine}{string.Join(Environment.NewLine, broken)}");
    }

    [Fact]
    public void EveryGermanString_IsActuallyTranslated()
    {
        var untranslated = German
            .Where(e => string.IsNullOrWhiteSpace(e.Value)
                || (!SameInGerman.Contains(e.Key) && string.Equals(e.Value, English.GetValueOrDefault(e.Key, e.Key), StringComparison.Ordinal)))
            .Select(e => e.Key)
            .Order(StringComparer.Ordinal)
            .ToList();

        untranslated.ShouldBeEmpty($"Empty or untranslated German strings:{Environment.NewLine}{string.Join(Environment.NewLine, untranslated)}");
    }

    [Fact]
    public void BothFiles_HaveTheSameKeys()
    {
        English.Keys.Except(German.Keys).ShouldBeEmpty("Only in SharedResource.resx");
        German.Keys.Except(English.Keys).ShouldBeEmpty("Only in SharedResource.de.resx");
    }

    [Fact]
    public void StringLocalizer_FindsTheEmbeddedResources()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        using var provider = services.BuildServiceProvider();
        var localizer = provider.GetRequiredService<IStringLocalizer<BizInbox.Web.SharedResource>>();

        var original = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de");
            var german = localizer["Sign in"];
            german.Value.ShouldBe("Anmelden");
            german.ResourceNotFound.ShouldBeFalse();
            localizer["Role.Owner"].Value.ShouldBe("Inhaber");

            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            var english = localizer["Sign in"];
            english.Value.ShouldBe("Sign in");
            english.ResourceNotFound.ShouldBeFalse();
            localizer["Role.Owner"].Value.ShouldBe("Owner");
        }
        finally
        {
            CultureInfo.CurrentUICulture = original;
        }
    }

    private static bool IsDynamicKey(string key) =>
        key.StartsWith("Error.", StringComparison.Ordinal) || key.StartsWith("Role.", StringComparison.Ordinal);

    private static void ShouldContainAll(Dictionary<string, string> resources, IEnumerable<string> keys, string file)
    {
        var missing = keys.Where(k => !resources.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        missing.ShouldBeEmpty($"Missing in {file}:{Environment.NewLine}{string.Join(Environment.NewLine, missing)}");
    }

    private static HashSet<string> LiteralKeysUsedInWeb()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in SourceFiles(WebProject, "*.razor").Concat(SourceFiles(WebProject, "*.cs")))
        {
            foreach (Match match in LiteralKey().Matches(File.ReadAllText(file)))
            {
                keys.Add(Regex.Unescape(match.Groups["key"].Value));
            }
        }

        return keys;
    }

    private static HashSet<string> DomainExceptionCodes()
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var project in new[] { "BizInbox.Domain", "BizInbox.Web" })
        {
            foreach (var file in SourceFiles(Path.Combine(RepoRoot, project), "*.cs"))
            {
                foreach (Match match in DomainExceptionCode().Matches(File.ReadAllText(file)))
                {
                    codes.Add(match.Groups["code"].Value);
                }
            }
        }

        // IdentityErrors maps Identity's failures to these codes instead of a literal in the constructor call.
        var teamMembers = File.ReadAllText(Path.Combine(WebProject, "Identity", "TeamMembers.cs"));
        foreach (Match match in MemberCode().Matches(teamMembers))
        {
            codes.Add(match.Groups["code"].Value);
        }

        return codes;
    }

    private static IEnumerable<string> SourceFiles(string directory, string pattern) =>
        Directory.EnumerateFiles(directory, pattern, SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(directory, f)));

    private static bool IsBuildOutput(string relativePath)
    {
        var first = relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0];
        return first is "bin" or "obj";
    }

    private static HashSet<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    private static Dictionary<string, string> LoadResx(string path)
    {
        File.Exists(path).ShouldBeTrue($"{path} is missing");
        return XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(
                d => (string)d.Attribute("name")!,
                d => (string?)d.Element("value") ?? string.Empty,
                StringComparer.Ordinal);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BizInbox.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"BizInbox.sln not found above {AppContext.BaseDirectory}");
    }

    /// <summary>L["..."] with a plain string literal (escaped quotes allowed); interpolated L[$"..."] keys are covered by the error and role tests.</summary>
    [GeneratedRegex("""(?<![\w.])L\[\s*"(?<key>(?:[^"\\]|\\.)*)"\s*\]""")]
    private static partial Regex LiteralKey();

    [GeneratedRegex("""new DomainException\("(?<code>[^"]+)"\s*,""")]
    private static partial Regex DomainExceptionCode();

    [GeneratedRegex(@"""(?<code>member\.[a-z_]+)""")]
    private static partial Regex MemberCode();

    [GeneratedRegex(@"\{\d+(?:,-?\d+)?(?::[^}]*)?\}")]
    private static partial Regex Placeholder();
}
