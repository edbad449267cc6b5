import { useMemo, useState } from "react";
import { Form, Select } from "antd";
import type { Role } from "@zhenggai/core";
import type { PersonOption } from "../api/types.ts";
import { useApi } from "../hooks/useApi.ts";

/**
 * Picks a person of the unit (责任领导, 责任人) as an account: the form field holds the name shown,
 * and `idField` (a hidden field of the same form) the account's id. Typing a name nobody in the
 * unit has offers a name-only value, kept as "未关联账号" until someone links it.
 */
export function PersonPicker(props: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  unitId: number | undefined;
  idField: string;
  /** People holding this role come first (leaders for 责任领导). */
  preferredRole?: Role;
  placeholder?: string;
  "aria-label"?: string;
  id?: string;
}) {
  const form = Form.useFormInstance();
  const linkedId = Form.useWatch(props.idField, form) as number | null | undefined;
  const people = useApi<{ items: PersonOption[] }>(props.unitId ? `/api/orgs/${props.unitId}/people` : null);
  const [search, setSearch] = useState("");
  const options = useMemo(() => {
    const active = (people.data?.items ?? []).filter((p) => p.isActive);
    const ranked = [...active].sort((a, b) => Number(b.grants.some((g) => g.role === props.preferredRole)) - Number(a.grants.some((g) => g.role === props.preferredRole)));
    const list = ranked.map((p) => ({ value: `u:${p.id}`, label: `${p.displayName}（${[...new Set(p.grants.map((g) => g.orgName))].join("、")}）`, name: p.displayName }));
    const typed = search.trim();
    if (typed && !list.some((o) => o.name === typed)) list.push({ value: `n:${typed}`, label: `仅填写姓名“${typed}”（不关联账号）`, name: typed });
    if (!linkedId && props.value && !list.some((o) => o.value === `n:${props.value}`)) list.push({ value: `n:${props.value}`, label: `${props.value}（未关联账号）`, name: props.value });
    return list;
  }, [people.data, search, linkedId, props.value, props.preferredRole]);
  const current = linkedId ? `u:${linkedId}` : props.value ? `n:${props.value}` : undefined;

  return (
    <Select
      id={props.id}
      aria-label={props["aria-label"]}
      allowClear
      placeholder={props.placeholder ?? "选择本单位人员"}
      loading={people.isLoading}
      value={current}
      options={options}
      showSearch={{ onSearch: setSearch, filterOption: (input, option) => String(option?.label ?? "").includes(input.trim()) }}
      popupMatchSelectWidth={false}
      onChange={(selected?: string) => {
        setSearch("");
        const option = options.find((o) => o.value === selected);
        form.setFieldValue(props.idField, selected?.startsWith("u:") ? Number(selected.slice(2)) : null);
        props.onChange?.(option?.name ?? null);
      }}
    />
  );
}
