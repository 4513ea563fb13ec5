namespace CrmRecording.Telephony.Tests.Support;

/// <summary>Files under <c>Samples/</c>, copied next to the test assembly by the project.</summary>
internal static class Samples
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static string Text(string name) => File.ReadAllText(PathOf(name));
}
