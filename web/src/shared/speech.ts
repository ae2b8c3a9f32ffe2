/** Reads a text aloud (Mandarin unless told) where the device can; stays silent (and throws nothing) where it cannot. */
export const canSpeak = () => typeof speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined';

export function speak(text: string, lang: 'zh-CN' | 'en' = 'zh-CN'): void {
  if (!canSpeak()) return;
  try {
    speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    utterance.rate = 0.9;
    const voice = speechSynthesis.getVoices().find((v) => v.lang.replace('_', '-').startsWith(lang === 'zh-CN' ? 'zh' : 'en'));
    if (voice) utterance.voice = voice;
    speechSynthesis.speak(utterance);
  } catch {
    // No voice on this device: the screen still shows everything.
  }
}
