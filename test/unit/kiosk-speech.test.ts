import { describe, expect, test } from 'vitest';
import { spokenDecimal, spokenKg, spokenPercent, spokenWhole, spokenYuan } from '#web/kiosk/speech.ts';

describe('numbers as a villager hears them said', () => {
  test('whole numbers, with 十 at the start and the zeros in the middle', () => {
    expect(spokenWhole(0)).toBe('零');
    expect(spokenWhole(2)).toBe('二');
    expect(spokenWhole(10)).toBe('十');
    expect(spokenWhole(12)).toBe('十二');
    expect(spokenWhole(20)).toBe('二十');
    expect(spokenWhole(118)).toBe('一百一十八');
    expect(spokenWhole(1005)).toBe('一千零五');
    expect(spokenWhole(1050)).toBe('一千零五十');
    expect(spokenWhole(2000)).toBe('两千');
    expect(spokenWhole(10_001)).toBe('一万零一');
    expect(spokenWhole(20_500)).toBe('两万零五百');
    expect(spokenWhole(100_000)).toBe('十万');
    expect(spokenWhole(123_456)).toBe('十二万三千四百五十六');
  });

  test('decimals: the digits after 点 one by one', () => {
    expect(spokenDecimal('10.35')).toBe('十点三五');
    expect(spokenDecimal('0.05')).toBe('零点零五');
    expect(spokenDecimal('7')).toBe('七');
  });

  test('kilograms to the gram, trailing zeros dropped', () => {
    expect(spokenKg(10_350)).toBe('十点三五公斤');
    expect(spokenKg(350)).toBe('零点三五公斤');
    expect(spokenKg(9_850)).toBe('九点八五公斤');
    expect(spokenKg(12_000)).toBe('十二公斤');
    expect(spokenKg(1)).toBe('零点零零一公斤');
  });

  test('a deduction in percent', () => {
    expect(spokenPercent(150)).toBe('百分之一点五');
    expect(spokenPercent(5000)).toBe('百分之五十');
    expect(spokenPercent(0)).toBe('百分之零');
  });

  test('yuan, jiao and fen', () => {
    expect(spokenYuan(11_820)).toBe('一百一十八元二角');
    expect(spokenYuan(1_200)).toBe('十二元');
    expect(spokenYuan(105)).toBe('一元零五分');
    expect(spokenYuan(899)).toBe('八元九角九分');
    expect(spokenYuan(50)).toBe('五角');
    expect(spokenYuan(0)).toBe('零元');
  });
});
