using CrmRecording.Cli;

return CrmrecApp.Run(args, TimeProvider.System);
