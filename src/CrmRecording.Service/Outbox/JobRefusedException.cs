namespace CrmRecording.Service.Outbox;

/// <summary>
/// The remote refused the job's work for a reason another attempt cannot change (a CRM validation rule, say): the
/// job is dead-lettered at once with <see cref="Exception.Message"/>, which says why in words its readers understand.
/// </summary>
internal sealed class JobRefusedException(string message, Exception? innerException = null) : Exception(message, innerException);
