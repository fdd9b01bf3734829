using BizInbox.Web.Channels;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BizInbox.Tests.Channels;

/// <summary>A unit of work the database ended for the moment (a deadlock's victim) runs again; a refused value does not.</summary>
public sealed class ConversationIntakeRetryTests
{
    [Theory]
    [InlineData("40P01", true)]
    [InlineData("40001", true)]
    [InlineData("23502", false)]
    public void WhatPostgreSqlRefusedForTheMomentOnly_IsTransient_AlsoInsideEfsException(string sqlState, bool transient)
    {
        var refused = new PostgresException("refused", "ERROR", "ERROR", sqlState);

        ConversationIntake.IsTransient(refused).ShouldBe(transient);
        ConversationIntake.IsTransient(new DbUpdateException("save failed", refused)).ShouldBe(transient);
    }

    [Fact]
    public async Task ADeadlockVictim_IsRunAgain_AndAnotherErrorIsNot()
    {
        var runs = 0;
        var stored = await ConversationIntake.RetryAsync(() => ++runs < 3 ? throw new PostgresException("deadlock detected", "ERROR", "ERROR", "40P01") : Task.FromResult(runs));
        stored.ShouldBe(3);

        var failed = 0;
        await Should.ThrowAsync<PostgresException>(() => ConversationIntake.RetryAsync<int>(() =>
        {
            failed++;
            throw new PostgresException("null value", "ERROR", "ERROR", "23502");
        }));
        failed.ShouldBe(1);
    }
}
