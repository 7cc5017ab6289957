import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Every IANA time zone the browser knows, which the server accepts too. */
const ZONES = Intl.supportedValuesOf('timeZone');

/**
 * A time zone picked from the list, searched by typing a city ("new york"
 * finds America/New_York): a zone cannot be mistyped.
 */
export function TimeZoneSelect({
  value,
  ...props
}: Omit<SelectProps, 'data' | 'value'> & { value?: string }) {
  const { t } = useTranslation();
  const data = useMemo(
    // A saved zone the browser lists under another name (an alias, UTC) stays choosable.
    () =>
      (!value || ZONES.includes(value) ? ZONES : [value, ...ZONES]).map((zone) => ({
        value: zone,
        label: zone.replaceAll('_', ' '),
      })),
    [value],
  );
  return (
    <Select
      searchable
      allowDeselect={false}
      nothingFoundMessage={t('houses.noTimeZone')}
      data={data}
      value={value || null}
      {...props}
    />
  );
}
