using BizInbox.Domain.Team;
using BizInbox.Web.Security;

namespace BizInbox.Tests.Domain;

public class PasswordRulesTests
{
    private static readonly CommonPasswords Common = new();

    [Theory]
    [InlineData("", PasswordProblem.TooShort)]
    [InlineData("short-pass1", PasswordProblem.TooShort)]
    [InlineData("password1234", PasswordProblem.Guessable)]        // a listed password with digits added
    [InlineData("Password2024!", PasswordProblem.Guessable)]
    [InlineData("qwertyuiop123", PasswordProblem.Guessable)]
    [InlineData("123456789012", PasswordProblem.Guessable)]        // digits only
    [InlineData("dragondragon", PasswordProblem.Guessable)]        // one unit repeated
    [InlineData("aaaaaaaaaaaab", PasswordProblem.Guessable)]       // too few different characters
    [InlineData("maria.schmidt-2024", PasswordProblem.Guessable)]  // the mailbox of the e-mail
    [InlineData("correct horse battery", null)]
    [InlineData("Fahrradladen am Hafen 7", null)]
    public void Check_RefusesShortAndGuessablePasswords(string password, PasswordProblem? expected) =>
        PasswordRules.Check(password, "maria.schmidt@example.com", Common.Contains).ShouldBe(expected);

    [Fact]
    public void TheBundledList_HoldsTheCommonPasswords_WhateverTheirCase()
    {
        Common.Contains("password").ShouldBeTrue();
        Common.Contains("QWERTY").ShouldBeTrue();
        Common.Contains("correct horse battery").ShouldBeFalse();
    }
}
