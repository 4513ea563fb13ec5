namespace CrmRecording.Service.Playback;

/// <summary>
/// <c>GET /api/recordings/{id}/peaks</c>: the waveform the player draws, computed by the service from the decrypted
/// audio so the browser never downloads a whole recording to draw it.
/// </summary>
/// <param name="Duration">Seconds of audio.</param>
/// <param name="Peaks">Per channel (rep first, then customer in a dual-channel recording), min/max pairs in [-1, 1].</param>
internal sealed record PeaksView(double Duration, int SampleRate, int Channels, int Buckets, float[][] Peaks);
