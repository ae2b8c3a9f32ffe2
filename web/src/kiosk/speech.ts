/** Reads a text aloud in Mandarin where the device can; stays silent (and throws nothing) where it cannot. */
export const canSpeak = () => typeof speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined';

export function speak(text: string): void {
  if (!canSpeak()) return;
  try {
    speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = 'zh-CN';
    utterance.rate = 0.9;
    const voice = speechSynthesis.getVoices().find((v) => v.lang.replace('_', '-').startsWith('zh'));
    if (voice) utterance.voice = voice;
    speechSynthesis.speak(utterance);
  } catch {
    // No voice on this device: the screen still shows everything.
  }
}

/** "3,900 yuan" as Mandarin reads prices: 3900元 (the voice says 三千九百元), 8.99 as 8元9角9分. */
export function spokenPrice(fen: number): string {
  const yuan = Math.trunc(fen / 100);
  const jiao = Math.trunc((fen % 100) / 10);
  const fenPart = fen % 10;
  return `${yuan}元${jiao || fenPart ? `${jiao}角` : ''}${fenPart ? `${fenPart}分` : ''}`;
}
