// Adaptive Cards host config close to the Webex app: its font stack, blue accents, compact spacing, red attention.
export const FONT_STACK = '"CiscoSansTT", "Inter", "Helvetica Neue", Helvetica, "Segoe UI", Arial, sans-serif';

const text = {
  default: { default: '#1A1A1A', subtle: '#6B6B6B' },
  dark: { default: '#000000', subtle: '#545454' },
  light: { default: '#FFFFFF', subtle: '#F0F0F0' },
  accent: { default: '#0A78CC', subtle: '#007AA3' },
  good: { default: '#1D805F', subtle: '#2E8C6B' },
  warning: { default: '#B35C00', subtle: '#C46A0A' },
  attention: { default: '#D4371C', subtle: '#DB4C3F' },
};

const style = (backgroundColor) => ({ backgroundColor, foregroundColors: text });

export const webexHostConfig = {
  supportsInteractivity: true,
  fontFamily: FONT_STACK,
  fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  lineHeights: { small: 16, default: 20, medium: 22, large: 26, extraLarge: 30 },
  spacing: { small: 4, default: 8, medium: 12, large: 16, extraLarge: 24, padding: 12 },
  separator: { lineThickness: 1, lineColor: '#E2E2E2' },
  imageSizes: { small: 32, medium: 64, large: 128 },
  containerStyles: {
    default: style('#FFFFFF'),
    emphasis: style('#F5F5F5'),
    accent: style('#E8F3FB'),
    good: style('#E9F6F0'),
    attention: style('#FCEDEA'),
    warning: style('#FDF3E6'),
  },
  actions: {
    maxActions: 5,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline', inlineTopMargin: 8 },
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
  },
  adaptiveCard: { allowCustomStyle: true },
  factSet: {
    title: { color: 'default', size: 'default', isSubtle: true, weight: 'bolder', wrap: true, maxWidth: 220 },
    value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
    spacing: 12,
  },
  inputs: {
    label: {
      inputSpacing: 'small',
      requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
      optionalInputs: { weight: 'bolder' },
    },
    errorMessage: { color: 'attention', size: 'small' },
  },
};
