using BizInbox.Domain.Search;

namespace BizInbox.Tests.Domain.Search;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Müller", "mueller")]
    [InlineData("MÜLLER", "mueller")]
    [InlineData("Mueller", "mueller")]
    [InlineData("Straße", "strasse")]
    [InlineData("STRASSE", "strasse")]
    [InlineData("Größe Öl Äpfel", "groesse oel aepfel")]
    [InlineData("Crème brûlée, café!", "creme brulee cafe")]
    [InlineData("anna.mueller@example.com", "anna mueller example com")]
    [InlineData("+49 (0)171 234-5678", "49 0 171 234 5678")]
    [InlineData("  \"*()'  ", "")]
    [InlineData(null, "")]
    public void Fold_LowersTransliteratesUmlautsAndSplitsOnPunctuation(string? text, string folded) =>
        SearchText.Fold(text).ShouldBe(folded);

    [Fact]
    public void Fold_DecomposedUmlaut_IsTheSameAsComposed() =>
        SearchText.Fold("Mu\u0308ller").ShouldBe(SearchText.Fold("Müller"));

    [Theory]
    [InlineData("Müller's (Rechnung)", "\"mueller\"* \"s\"* \"rechnung\"*")]
    [InlineData("Straße OR NOT x", "\"strasse\"* \"or\"* \"not\"* \"x\"*")]
    [InlineData("a* AND -b NEAR(c)", "\"a\"* \"and\"* \"b\"* \"near\"* \"c\"*")]
    public void ToFts5_QuotesEveryTermAsAPrefix_SoOperatorsAreWords(string input, string fts5) =>
        SearchQuery.Parse(input).ToFts5().ShouldBe(fts5);

    [Theory]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("'")]
    [InlineData("()")]
    [InlineData("   ")]
    [InlineData("&|!:")]
    [InlineData(null)]
    public void Parse_PunctuationOnly_IsEmpty(string? input)
    {
        var query = SearchQuery.Parse(input);

        query.IsEmpty.ShouldBeTrue();
        (query.ToFts5(), query.ToTsQuery(), query.ToLikePatterns().Count).ShouldBe(("", "", 0));
    }

    [Fact]
    public void ToTsQuery_AndsPrefixTerms_WithoutTheInputsOperators() =>
        SearchQuery.Parse("Müller & !Straße:* | 'x'").ToTsQuery().ShouldBe("mueller:* & strasse:* & x:*");

    [Fact]
    public void ToLikePatterns_MatchAWordStart_AndCarryNoWildcardsFromTheInput() =>
        SearchQuery.Parse("50% off_now").ToLikePatterns().ShouldBe(["% 50%", "% off%", "% now%"]);

    [Fact]
    public void Parse_RepeatedAndTooManyWords_AreCut()
    {
        SearchQuery.Parse("Müller mueller MÜLLER").Terms.ShouldBe(["mueller"]);
        SearchQuery.Parse("a b c d e f g h i j").Terms.Count.ShouldBe(SearchQuery.MaxTerms);
        SearchQuery.Parse(new string('x', 500)).Raw.Length.ShouldBe(SearchQuery.MaxInputLength);
    }

    [Fact]
    public void Highlight_MarksWordsStartingWithATerm_InTheOriginalSpelling()
    {
        var segments = Highlight.Segments("Frau Müller aus der Mühlenstraße <b>", SearchQuery.Parse("mueller strasse muehlen"));

        segments.ShouldBe([
            new("Frau ", false), new("Müller", true), new(" aus der ", false), new("Mühlenstraße", true), new(" <b>", false)]);
    }

    [Fact]
    public void Highlight_LongText_IsCutAroundTheFirstHit()
    {
        var text = string.Join(' ', Enumerable.Repeat("lorem", 60)) + " Rechnung " + string.Join(' ', Enumerable.Repeat("ipsum", 60));

        var segments = Highlight.Segments(text, SearchQuery.Parse("rechnung"), maxLength: 60);

        segments[0].ShouldBe(new TextSegment("…", false));
        segments[^1].ShouldBe(new TextSegment("…", false));
        segments.ShouldContain(new TextSegment("Rechnung", true));
        string.Concat(segments.Select(s => s.Text)).Length.ShouldBeLessThanOrEqualTo(62);
    }

    [Fact]
    public void Highlight_NoHit_ReturnsTheTextUnmarked() =>
        Highlight.Segments("Hallo", SearchQuery.Parse("")).ShouldBe([new TextSegment("Hallo", false)]);
}
