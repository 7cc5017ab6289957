import { DragDropContext, Draggable, Droppable, type DropResult } from '@hello-pangea/dnd';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { ApiError, checklistItemTypeValues } from '../../lib/api/client.ts';
import { errorSummary, hasFieldErrors, translatedFieldErrors } from '../../lib/form-errors.ts';
import { requiredRule } from '../../lib/validation.ts';
import { useHouses } from '../houses/use-houses.ts';
import {
  type TemplateCategory,
  type TemplateItem,
  useAddDefaults,
  useDeleteCategory,
  useDeleteItem,
  useOrderCategories,
  useOrderItems,
  useSaveCategory,
  useSaveItem,
  useTemplate,
} from './use-checklists.ts';

const moved = <T,>(list: T[], from: number, to: number): T[] => {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
};

/**
 * The checklist template for managers: categories and their steps, dragged
 * into order, items for every house or only some. Rounds in progress follow
 * the changes; finished rounds keep what they recorded.
 */
export function TemplatePage() {
  const { t } = useTranslation();
  const template = useTemplate();
  const orderCategories = useOrderCategories();
  const orderItems = useOrderItems();
  const addDefaults = useAddDefaults();
  const phone = useMediaQuery('(max-width: 36em)');
  // undefined: closed; { category } to add an item there; { item } to edit one.
  const [editing, setEditing] = useState<{ category: TemplateCategory; item?: TemplateItem } | undefined>();
  // The order shown while a reorder is on its way, so the dropped row does not jump back.
  const [optimistic, setOptimistic] = useState<TemplateCategory[] | null>(null);

  if (template.isPending) return <LoadingState />;
  if (template.isError)
    return <ErrorState message={errorSummary(t, template.error)} onRetry={() => template.refetch()} />;
  const categories = optimistic ?? template.data.categories;

  const onDragEnd = (result: DropResult) => {
    const { source, destination, type } = result;
    if (
      !destination ||
      (source.droppableId === destination.droppableId && source.index === destination.index)
    )
      return;
    if (type === 'category') {
      const next = moved(categories, source.index, destination.index);
      setOptimistic(next);
      orderCategories.mutate(
        next.map((category) => category.id),
        { onSettled: () => setOptimistic(null) },
      );
      return;
    }
    // Steps move within their category; another category is chosen in the item's form.
    if (source.droppableId !== destination.droppableId) return;
    const category = categories.find((candidate) => candidate.id === source.droppableId);
    if (!category) return;
    const items = moved(category.items, source.index, destination.index);
    setOptimistic(
      categories.map((candidate) => (candidate.id === category.id ? { ...candidate, items } : candidate)),
    );
    orderItems.mutate(
      { categoryId: category.id, itemIds: items.map((item) => item.id) },
      { onSettled: () => setOptimistic(null) },
    );
  };

  const failure = orderCategories.error ?? orderItems.error ?? addDefaults.error;
  return (
    <Stack gap="md" maw={860}>
      <Stack gap={4}>
        <Title order={2}>{t('template.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('template.subtitle')}
        </Text>
      </Stack>
      {failure && (
        <Alert color="red" role="alert">
          {errorSummary(t, failure)}
        </Alert>
      )}
      {categories.length === 0 ? (
        <Card withBorder>
          <EmptyState title={t('template.empty')}>
            <Button mt="sm" onClick={() => addDefaults.mutate(undefined)} loading={addDefaults.isPending}>
              {t('template.addDefaults')}
            </Button>
          </EmptyState>
        </Card>
      ) : (
        <DragDropContext onDragEnd={onDragEnd}>
          <Droppable droppableId="categories" type="category">
            {(drop) => (
              <Stack gap="sm" ref={drop.innerRef} {...drop.droppableProps}>
                {categories.map((category, index) => (
                  <Draggable key={category.id} draggableId={category.id} index={index}>
                    {(drag) => (
                      <Card withBorder padding="sm" ref={drag.innerRef} {...drag.draggableProps}>
                        <CategoryBlock
                          category={category}
                          handle={drag.dragHandleProps}
                          onAdd={() => setEditing({ category })}
                          onEdit={(item) => setEditing({ category, item })}
                        />
                      </Card>
                    )}
                  </Draggable>
                ))}
                {drop.placeholder}
              </Stack>
            )}
          </Droppable>
        </DragDropContext>
      )}
      <NewCategory />
      <Modal
        opened={editing !== undefined}
        onClose={() => setEditing(undefined)}
        title={
          editing?.item ? t('template.editItem') : t('template.newItem', { category: editing?.category.name })
        }
        size="lg"
        fullScreen={phone}
      >
        {editing && (
          <ItemForm
            categories={categories}
            category={editing.category}
            item={editing.item}
            onDone={() => setEditing(undefined)}
          />
        )}
      </Modal>
    </Stack>
  );
}

function CategoryBlock({
  category,
  handle,
  onAdd,
  onEdit,
}: {
  category: TemplateCategory;
  handle: object | null | undefined;
  onAdd: () => void;
  onEdit: (item: TemplateItem) => void;
}) {
  const { t } = useTranslation();
  const rename = useSaveCategory();
  const remove = useDeleteCategory();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(category.name);
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <Text
            {...handle}
            aria-label={t('template.dragCategory', { name: category.name })}
            c="dimmed"
            px={4}
          >
            ⠿
          </Text>
          {renaming ? (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                if (name.trim())
                  rename.mutate({ category, name: name.trim() }, { onSuccess: () => setRenaming(false) });
              }}
            >
              <Group gap={4} wrap="nowrap">
                <TextInput
                  size="xs"
                  value={name}
                  onChange={(event) => setName(event.currentTarget.value)}
                  aria-label={t('template.categoryName')}
                  error={rename.error ? errorSummary(t, rename.error) : undefined}
                />
                <Button size="xs" type="submit" loading={rename.isPending}>
                  {t('common.save')}
                </Button>
              </Group>
            </form>
          ) : (
            <Title order={3} size="h5">
              {category.name}
            </Title>
          )}
        </Group>
        <Group gap={4} wrap="nowrap">
          {!renaming && (
            <Button size="compact-xs" variant="subtle" onClick={() => setRenaming(true)}>
              {t('template.rename')}
            </Button>
          )}
          {category.items.length === 0 && (
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('template.deleteCategory', { name: category.name })}
              onClick={() => remove.mutate(category)}
            >
              ✕
            </ActionIcon>
          )}
        </Group>
      </Group>
      <Droppable droppableId={category.id} type="item">
        {(drop) => (
          <Stack gap={4} ref={drop.innerRef} {...drop.droppableProps}>
            {category.items.map((item, index) => (
              <Draggable key={item.id} draggableId={item.id} index={index}>
                {(drag) => (
                  <Group
                    ref={drag.innerRef}
                    {...drag.draggableProps}
                    wrap="nowrap"
                    gap="xs"
                    p={6}
                    bg="gray.0"
                    style={{ ...drag.draggableProps.style, borderRadius: 6, opacity: item.active ? 1 : 0.55 }}
                  >
                    <Text {...drag.dragHandleProps} aria-label={t('template.dragItem')} c="dimmed" px={4}>
                      ⠿
                    </Text>
                    <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                      <Text size="sm">
                        {item.stepNumber}. {item.description}
                      </Text>
                      <Group gap={4}>
                        <Badge size="xs" variant="outline">
                          {t(`template.type.${item.type}`)}
                        </Badge>
                        {item.productRequired && (
                          <Text size="xs" c="dimmed">
                            {item.productRequired}
                          </Text>
                        )}
                        {!item.appliesToAll && (
                          <Badge size="xs" color="grape" variant="light">
                            {t('template.someHouses', { count: item.houseIds.length })}
                          </Badge>
                        )}
                        {!item.active && (
                          <Badge size="xs" color="gray">
                            {t('template.inactive')}
                          </Badge>
                        )}
                      </Group>
                    </Stack>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => onEdit(item)}
                      style={{ flexShrink: 0 }}
                    >
                      {t('common.edit')}
                    </Button>
                  </Group>
                )}
              </Draggable>
            ))}
            {drop.placeholder}
          </Stack>
        )}
      </Droppable>
      <Button size="xs" variant="light" onClick={onAdd} style={{ alignSelf: 'flex-start' }}>
        {t('template.addItem')}
      </Button>
    </Stack>
  );
}

function NewCategory() {
  const { t } = useTranslation();
  const save = useSaveCategory();
  const form = useForm({ initialValues: { name: '' }, validate: { name: requiredRule(t) } });
  return (
    <form
      onSubmit={form.onSubmit((values) =>
        save.mutate(
          { name: values.name.trim() },
          {
            onSuccess: () => form.reset(),
            onError: (error) =>
              form.setFieldError(
                'name',
                error instanceof ApiError && error.code === 'category-name-taken'
                  ? t('problems.category-name-taken')
                  : errorSummary(t, error),
              ),
          },
        ),
      )}
      noValidate
    >
      <Group align="flex-start" gap="xs">
        <TextInput
          placeholder={t('template.categoryName')}
          aria-label={t('template.categoryName')}
          {...form.getInputProps('name')}
        />
        <Button type="submit" variant="light" loading={save.isPending}>
          {t('template.addCategory')}
        </Button>
      </Group>
    </form>
  );
}

function ItemForm({
  categories,
  category,
  item,
  onDone,
}: {
  categories: TemplateCategory[];
  category: TemplateCategory;
  item?: TemplateItem;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const houses = useHouses();
  const save = useSaveItem();
  const remove = useDeleteItem();
  const form = useForm({
    initialValues: {
      categoryId: item?.categoryId ?? category.id,
      description: item?.description ?? '',
      productRequired: item?.productRequired ?? '',
      type: item?.type ?? ('cleaning' as TemplateItem['type']),
      scope: item && !item.appliesToAll ? 'some' : 'all',
      houseIds: item?.houseIds ?? [],
      active: item?.active ?? true,
    },
    validate: {
      description: requiredRule(t),
      houseIds: (value, values) =>
        values.scope === 'some' && value.length === 0 ? t('template.pickHouses') : null,
    },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await save.mutateAsync({
        item,
        values: {
          categoryId: values.categoryId,
          description: values.description.trim(),
          productRequired: values.productRequired.trim() || null,
          type: values.type,
          appliesToAll: values.scope === 'all',
          houseIds: values.scope === 'all' ? [] : values.houseIds,
          active: values.active,
        },
      });
      onDone();
    } catch (error) {
      form.setErrors(translatedFieldErrors(t, error));
    }
  });
  const failure = save.error ?? remove.error;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {failure && !hasFieldErrors(failure) && (
          <Alert color="red" role="alert">
            {errorSummary(t, failure)}
          </Alert>
        )}
        <TextInput label={t('template.description')} required {...form.getInputProps('description')} />
        <TextInput label={t('template.product')} {...form.getInputProps('productRequired')} />
        <Group grow align="flex-start" wrap="wrap">
          <Select
            label={t('template.typeLabel')}
            data={checklistItemTypeValues.map((type) => ({ value: type, label: t(`template.type.${type}`) }))}
            allowDeselect={false}
            miw={160}
            {...form.getInputProps('type')}
          />
          <Select
            label={t('template.category')}
            data={categories.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
            allowDeselect={false}
            miw={160}
            {...form.getInputProps('categoryId')}
          />
        </Group>
        <SegmentedControl
          data={[
            { value: 'all', label: t('template.allHouses') },
            { value: 'some', label: t('template.chosenHouses') },
          ]}
          {...form.getInputProps('scope')}
        />
        {form.values.scope === 'some' && (
          <MultiSelect
            label={t('template.houses')}
            data={(houses.data ?? []).map((house) => ({ value: house.id, label: house.name }))}
            searchable
            {...form.getInputProps('houseIds')}
          />
        )}
        <Switch label={t('template.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
        <Group justify="space-between">
          {item ? (
            <Button
              variant="subtle"
              color="red"
              loading={remove.isPending}
              onClick={() => {
                if (window.confirm(t('template.confirmDelete'))) remove.mutate(item, { onSuccess: onDone });
              }}
            >
              {t('template.deleteItem')}
            </Button>
          ) : (
            <span />
          )}
          <Button type="submit" loading={save.isPending}>
            {item ? t('common.save') : t('template.addItem')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
