using CrmRecording.PhoneMetadata;

// Usage: dotnet run --project tools/CrmRecording.PhoneMetadata -- [FILE]   (default: standard output)
if (args.Length > 1)
{
    Console.Error.WriteLine("usage: CrmRecording.PhoneMetadata [FILE]");
    return 2;
}

var text = PhoneMetadataWriter.Generate();
if (args.Length == 0)
{
    Console.Out.Write(text);
}
else
{
    File.WriteAllText(args[0], text, new System.Text.UTF8Encoding(false));
    Console.Error.WriteLine($"{args[0]}: {PhoneMetadataWriter.Version}");
}

return 0;
