using System.Runtime.CompilerServices;

namespace CrmRecording.Dataverse.Tests.Support;

/// <summary>
/// Files under <c>Samples/</c>: from the build output when the project copies them there, else from the
/// source tree next to this file (the test project file, owned elsewhere, does not yet copy them).
/// </summary>
internal static class Samples
{
    public static string PathOf(string name, [CallerFilePath] string thisFile = "")
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Samples", name);
        return File.Exists(copied) ? copied : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Samples", name));
    }

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static string Text(string name) => File.ReadAllText(PathOf(name));
}
