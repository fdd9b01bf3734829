namespace BizInbox.Web;

/// <summary>
/// The app cannot start with its configuration or surroundings (a database it cannot use, a certificate it cannot
/// read). The message is meant for the operator: start-up prints it as one line instead of a stack trace.
/// </summary>
public class StartupException : Exception
{
    public StartupException(string message) : base(message) { }

    public StartupException(string message, Exception inner) : base(message, inner) { }
}
